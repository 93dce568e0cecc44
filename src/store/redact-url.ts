/**
 * A URL safe to log or show: the password (and a user name that may carry a token) masked.
 * Anything that does not parse as a URL is reduced to its scheme, never echoed whole.
 */
export function redactUrl(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    const scheme = /^[a-z][a-z0-9+.-]*:/i.exec(url)?.[0];
    return scheme ? `${scheme}//…` : "(unreadable)";
  }
  if (parsed.password !== "") parsed.password = "***";
  return parsed.toString().replace(/\/$/, "");
}
