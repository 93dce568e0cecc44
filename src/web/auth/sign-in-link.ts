import type { Clock } from "../../shared/clock.js";
import { createSignInToken } from "./sign-in-token.js";
import type { WebKeys } from "./web-keys.js";

/**
 * Makes the link /看板 answers with: `<base>/web/login?t=<token>`, the base being PUBLIC_BASE_URL
 * when set (without a trailing slash), else http://localhost:<PORT>.
 */
export function signInLinks(deps: {
  keys: WebKeys;
  clock: Clock;
  publicBaseUrl?: string | undefined;
  port: number;
}): (personId: string) => string {
  const base = deps.publicBaseUrl ?? `http://localhost:${deps.port}`;
  return (personId) => `${base}/web/login?t=${createSignInToken(deps.keys, personId, deps.clock.now())}`;
}
