/**
 * A platform's own sign-in from inside its app (WeCom's 网页授权): the web console sends the
 * browser to the platform, which sends it back with a one-time code; the platform tells who the
 * code names. Everything platform-shaped stays behind this interface, at the channel's edge.
 */
export interface WebSignIn {
  /**
   * Where to send the browser: the platform's authorization, which returns it to
   * `returnUrl?code=…&state=<state>`. `state` is letters and digits only, at most 128 of them
   * (WeCom's limit).
   */
  authorizeUrl(returnUrl: string, state: string): string;
  /** Who the code names: their account on this channel (the directory's `accounts.<channel>`), or why not. */
  accountFor(code: string): Promise<WebSignInAccount>;
}

export type WebSignInAccount =
  | { ok: true; userId: string }
  /**
   * not-member: the platform knows the visitor but not as one of the organisation's members;
   * code-refused: the code is invalid, used or expired; unavailable: the platform could not be asked.
   */
  | { ok: false; problem: "not-member" | "code-refused" | "unavailable" };
