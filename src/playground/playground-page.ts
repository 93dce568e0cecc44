import { catalogue, message } from "../templates/template-store.js";
import { html, trusted } from "../web/dashboard/escape-html.js";
import type { AssetUrls } from "../web/dashboard/static-assets.js";
import { htmlDocument } from "../web/html-document.js";

let words: string | undefined;

/** templates/playground.yaml as JSON for the page's script, `<` escaped for a script block. */
function wordsJson(): string {
  words ??= JSON.stringify(catalogue("playground")).replace(/</g, "\\u003c");
  return words;
}

/**
 * The playground's one page: a shell the script fills in (people, chat, clock, outbox, audit).
 * No inline script or style (the CSP forbids both): the words and the token ride in a JSON block
 * and a meta tag.
 */
export function playgroundPage(assets: AssetUrls, token: string): string {
  const title = message("playground", "title");
  return htmlDocument({
    title,
    head: html`<meta name="playground-token" content="${token}">
<link rel="stylesheet" href="${assets.playgroundCss}">
<script type="application/json" id="pg-words">${trusted(wordsJson())}</script>
<script src="${assets.playgroundJs}" defer></script>`,
    body: html`<div id="pg" class="pg"><noscript>${title}</noscript></div>`,
  });
}
