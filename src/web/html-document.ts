import { type Html, html } from "./dashboard/escape-html.js";

/**
 * The frame of every page the service serves (dashboard, sign-in notices, playground): Chinese,
 * a viewport for phones (WeCom's and DingTalk's in-app browsers), no referrer (a sign-in token
 * must not leak), an empty icon (the browser would otherwise ask for /favicon.ico and log its 404).
 * `head` holds the page's own tags: its stylesheet and scripts, never inline (the CSP forbids it).
 */
export function htmlDocument(parts: { title: string; head: Html; body: Html }): string {
  return html`<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<link rel="icon" href="data:,">
<title>${parts.title}</title>
${parts.head}
</head>
<body>
${parts.body}
</body>
</html>
`.text;
}
