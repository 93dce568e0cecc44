import { createHash } from "node:crypto";
import type Koa from "koa";
import { escapeHtml } from "../../shared/escape-html.js";
import { message } from "../../templates/template-store.js";

/**
 * The small page a card's link opens on a phone: system fonts, no script, no external asset, every
 * text escaped. Its one stylesheet is inline and allowed by its hash, so the Content-Security-Policy
 * can refuse everything else (scripts, frames, other form targets).
 */

const STYLE =
  "body{margin:0;background:#f5f6f7;color:#1f2329;" +
  'font-family:-apple-system,BlinkMacSystemFont,"PingFang SC","Microsoft YaHei","Noto Sans CJK SC",sans-serif}' +
  "main{max-width:28rem;margin:12vh auto 0;padding:1.5rem;background:#fff;border-radius:.75rem}" +
  "h1{font-size:1.25rem;margin:0 0 .75rem}p{color:#646a73;line-height:1.6;margin:0 0 1.25rem}" +
  "button{width:100%;padding:.8rem;border:0;border-radius:.5rem;background:#3370ff;color:#fff;font-size:1rem}";

const STYLE_HASH = createHash("sha256").update(STYLE, "utf8").digest("base64");

export const ACT_PAGE_CSP = [
  "default-src 'none'",
  `style-src 'sha256-${STYLE_HASH}'`,
  "form-action 'self'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
].join("; ");

export interface ActPage {
  heading: string;
  hint: string;
  /** The confirm button: the page then posts to its own address. */
  confirm?: string;
}

export function renderActPage(page: ActPage): string {
  const form = page.confirm
    ? `<form method="post"><button type="submit">${escapeHtml(page.confirm)}</button></form>`
    : "";
  return [
    "<!doctype html>",
    '<html lang="zh-CN"><head><meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width,initial-scale=1">',
    '<meta name="robots" content="noindex">',
    `<title>${escapeHtml(message("dingtalk-cards", "pageTitle"))}</title>`,
    `<style>${STYLE}</style></head>`,
    `<body><main><h1>${escapeHtml(page.heading)}</h1><p>${escapeHtml(page.hint)}</p>${form}</main></body></html>`,
  ].join("");
}

/**
 * Answers with the page and the headers that keep it to itself: the CSP, no caching (the link is a
 * capability), no sniffing, and a Referer only for this site (the Origin header a POST carries
 * stays set, which the route checks).
 */
export function sendActPage(ctx: Koa.Context, status: number, page: ActPage): void {
  ctx.status = status;
  ctx.type = "text/html; charset=utf-8";
  ctx.set("Content-Security-Policy", ACT_PAGE_CSP);
  ctx.set("Cache-Control", "no-store");
  ctx.set("X-Content-Type-Options", "nosniff");
  ctx.set("Referrer-Policy", "same-origin");
  ctx.body = renderActPage(page);
}
