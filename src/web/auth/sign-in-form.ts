import { escapeHtml } from "../../shared/escape-html.js";
import { messages } from "../../templates/template-store.js";

const m = messages("web");

/** Where the sign-in page posts, and the form field that carries the link's token. */
export const SIGN_IN_PATH = "/web/login";
export const SIGN_IN_TOKEN_FIELD = "t";

/**
 * The sign-in page's one button: a plain POST form (the CSP allows no inline script) carrying the
 * link's token back, so that only a person's click spends the single-use link, not a link preview
 * or a URL scanner that fetches it first.
 */
export function signInFormHtml(token: string): string {
  return `<form method="post" action="${SIGN_IN_PATH}"><input type="hidden" name="${SIGN_IN_TOKEN_FIELD}" value="${escapeHtml(token)}"><button type="submit">${escapeHtml(m("loginButton"))}</button></form>`;
}
