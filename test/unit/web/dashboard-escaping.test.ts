import { describe, expect, it } from "vitest";
import { chartBlock } from "../../../src/web/dashboard/chart-block.js";
import { escapeHtml, html } from "../../../src/web/dashboard/escape-html.js";

describe("escaping what people wrote", () => {
  it("escapes the five characters that make markup", () => {
    expect(escapeHtml(`<script>alert("x")</script> & 'q'`)).toBe(
      "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;q&#39;",
    );
    expect(escapeHtml(42)).toBe("42");
  });

  it("escapes every value put in a fragment, but not nested fragments", () => {
    const note = `" onmouseover="alert(1)`;
    const inner = html`<b>${"<i>"}</b>`;
    expect(html`<td title="${note}">${inner}${[html`<i>${"&"}</i>`, "<u>"]}${undefined}</td>`.text).toBe(
      '<td title="&quot; onmouseover=&quot;alert(1)"><b>&lt;i&gt;</b><i>&amp;</i>&lt;u&gt;</td>',
    );
  });

  it("keeps a chart's options in a JSON block that no text can close", () => {
    const title = "</script><script>alert(1)</script>";
    const block = chartBlock("chart-x", { title: { text: title } }, 300).text;
    expect(block).not.toContain("</script><script>");
    expect(block.match(/<\/script>/g)).toHaveLength(1);
    const json = /<script type="application\/json" id="chart-x">(.*)<\/script>/s.exec(block)?.[1] ?? "";
    expect(JSON.parse(json)).toEqual({ title: { text: title } });
    expect(block).toContain('data-height="300"');
  });
});
