import type { EChartsOption } from "echarts";
import { type Html, html, trusted } from "./escape-html.js";

/**
 * A chart the browser draws: its options as a JSON data block (never executed, so the CSP's
 * script-src 'self' allows it) and the box console.js draws it in, sized as the server's image
 * would be. `<` is written \u003c, so no text in the options can close the block; JSON.parse reads
 * it back unchanged. (HTML escaping would not do: a script element's text is not unescaped.)
 */
export function chartBlock(id: string, option: EChartsOption, height: number): Html {
  const json = JSON.stringify(option).replace(/</g, "\\u003c");
  return html`<div class="chart" data-chart="${id}" data-height="${height}"></div>
<script type="application/json" id="${id}">${trusted(json)}</script>`;
}
