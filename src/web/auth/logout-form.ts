import { escapeHtml } from "../../shared/escape-html.js";
import { messages } from "../../templates/template-store.js";
import { CSRF_FIELD } from "./csrf-token.js";

const m = messages("web");

/**
 * The console header's 退出登录 button: a POST form to /web/logout carrying the session's CSRF
 * token (WebAuth.csrfToken), as every state-changing form under /web must.
 */
export function logoutFormHtml(csrf: string): string {
  return `<form method="post" action="/web/logout"><input type="hidden" name="${CSRF_FIELD}" value="${escapeHtml(csrf)}"><button type="submit">${escapeHtml(m("logoutButton"))}</button></form>`;
}
