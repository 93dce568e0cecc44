import type Koa from "koa";
import { escapeHtml } from "../../shared/escape-html.js";
import { messages } from "../../templates/template-store.js";
import { consoleStylesheetUrl } from "../dashboard/static-assets.js";

const m = messages("web");

/**
 * A page of a title and a few paragraphs (templates/web.yaml), for sign-in outcomes and refusals:
 * no script, no inline style, nothing from elsewhere (the console's own stylesheet), so it renders
 * under the strict CSP as it is.
 * `formHtml`, already escaped, follows the paragraphs (the sign-in page's button). An empty icon,
 * as the dashboard's: the browser would otherwise ask for /favicon.ico and log its 404.
 */
export function renderNoticePage(title: string, paragraphs: readonly string[], formHtml = ""): string {
  const body = paragraphs.map((p) => `<p>${escapeHtml(p)}</p>`).join("") + formHtml;
  const heading = escapeHtml(title);
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><link rel="icon" href="data:,"><title>${heading} - ${escapeHtml(m("consoleTitle"))}</title><link rel="stylesheet" href="${escapeHtml(consoleStylesheetUrl())}"></head><body><main><h1>${heading}</h1>${body}</main></body></html>`;
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
