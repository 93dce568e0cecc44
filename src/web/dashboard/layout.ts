import { messages } from "../../templates/template-store.js";
import { logoutFormHtml } from "../auth/logout-form.js";
import { htmlDocument } from "../html-document.js";
import type { Viewer } from "../viewer.js";
import { type Html, html, trusted } from "./escape-html.js";
import type { AssetUrls } from "./static-assets.js";

const m = messages("web");

/** A page of the dashboard: what changes from page to page. */
export interface PageParts {
  title: string;
  viewer?: Viewer;
  csrf?: string;
  /** Whether the page draws charts (only then is ECharts loaded: 1 MB on a phone). */
  charts?: boolean;
  body: Html;
}

/**
 * The one layout: no inline script or style (the CSP forbids both), the console's own files from
 * the package, a viewport for phones (WeCom's and DingTalk's in-app browsers).
 */
export function layout(assets: AssetUrls, page: PageParts): string {
  const app = m("dashAppName");
  return htmlDocument({
    title: `${page.title} - ${app}`,
    head: html`${page.csrf ? html`<meta name="csrf-token" content="${page.csrf}">` : ""}
<link rel="stylesheet" href="${assets.css}">
${page.charts ? html`<script src="${assets.echarts}" defer></script>` : ""}
<script src="${assets.js}" defer></script>`,
    body: html`<header class="top"><a class="brand" href="/web">${app}</a>${
      page.viewer ? html`<span class="who">${m("dashSignedInAs", { name: page.viewer.name })}</span>` : ""
    }${page.viewer && page.csrf ? trusted(logoutFormHtml(page.csrf)) : ""}</header>
<main>
${page.body}
</main>`,
  });
}
