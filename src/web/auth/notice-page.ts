import type Koa from "koa";
import { messages } from "../../templates/template-store.js";
import { html, trusted } from "../dashboard/escape-html.js";
import { consoleStylesheetUrl } from "../dashboard/static-assets.js";
import { htmlDocument } from "../html-document.js";

const m = messages("web");

/**
 * A page of a title and a few paragraphs (templates/web.yaml), for sign-in outcomes and refusals:
 * no script, no inline style, nothing from elsewhere (the console's own stylesheet), so it renders
 * under the strict CSP as it is.
 * `formHtml`, already escaped, follows the paragraphs (the sign-in page's button).
 */
export function renderNoticePage(title: string, paragraphs: readonly string[], formHtml = ""): string {
  return htmlDocument({
    title: `${title} - ${m("consoleTitle")}`,
    head: html`<link rel="stylesheet" href="${consoleStylesheetUrl()}">`,
    body: html`<main><h1>${title}</h1>${paragraphs.map((p) => html`<p>${p}</p>`)}${trusted(formHtml)}</main>`,
  });
}

export function answerNotice(
  ctx: Koa.Context,
  status: number,
  title: string,
  paragraphs: readonly string[],
  formHtml = "",
): void {
  ctx.status = status;
  ctx.type = "text/html; charset=utf-8";
  ctx.body = renderNoticePage(title, paragraphs, formHtml);
}
