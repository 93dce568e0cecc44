import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";
import { TEMPLATES_DIR } from "../templates/template-store.js";
import { html, trusted } from "../web/dashboard/escape-html.js";
import type { AssetUrls } from "../web/dashboard/static-assets.js";

let words: string | undefined;

/** templates/playground.yaml as JSON for the page's script, `<` escaped for a script block. */
function wordsJson(): string {
  words ??= JSON.stringify(parse(readFileSync(join(TEMPLATES_DIR, "playground.yaml"), "utf8"))).replace(
    /</g,
    "\\u003c",
  );
  return words;
}

/**
 * The playground's one page: a shell the script fills in (people, chat, clock, outbox, audit).
 * No inline script or style (the CSP forbids both): the words and the token ride in a JSON block
 * and a meta tag.
 */
export function playgroundPage(assets: AssetUrls, token: string): string {
  const w = JSON.parse(wordsJson()) as Record<string, string>;
  return html`<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<meta name="playground-token" content="${token}">
<link rel="icon" href="data:,">
<title>${w.title ?? ""}</title>
<link rel="stylesheet" href="${assets.playgroundCss}">
<script type="application/json" id="pg-words">${trusted(wordsJson())}</script>
<script src="${assets.playgroundJs}" defer></script>
</head>
<body>
<div id="pg" class="pg"><noscript>${w.title ?? ""}</noscript></div>
</body>
</html>
`.text;
}
