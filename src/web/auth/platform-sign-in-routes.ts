import type Router from "@koa/router";
import type Koa from "koa";
import { channelLabel } from "../../channels/channel-label.js";
import type { WebSignIn } from "../../channels/web-sign-in.js";
import { messages } from "../../templates/template-store.js";
import type { WebAuthDeps } from "./mount-web-auth.js";
import { answerNotice } from "./notice-page.js";
import { createPlatformState, PLATFORM_SIGN_IN_MS, readPlatformState } from "./platform-sign-in-state.js";
import type { SignedIn } from "./resolve-session.js";
import { sessionCookieOptions } from "./session-cookie.js";
import { SIGN_IN_CLAIM_TTL_MS } from "./sign-in-token.js";
import { startSession } from "./start-session.js";

const m = messages("web");
/** Holds the state's nonce on the browser that set off: the callback must come back to it. */
const STATE_COOKIE = "duban_sign_in_state";

export interface PlatformSignIns {
  /** Where people's browsers reach this service (PUBLIC_BASE_URL): the platform returns there. */
  publicBaseUrl: string;
  /** By channel name: GET /web/<channel> starts it, GET /web/<channel>/callback ends it. */
  platforms: ReadonlyMap<string, WebSignIn>;
}

const problemText = {
  "not-member": "platformNotMember",
  "code-refused": "platformCodeRefused",
  unavailable: "platformUnavailable",
} as const;

/**
 * Sign-in from inside a platform's app (WeCom's 网页授权), without a link: GET /web/<channel> sends
 * the browser to the platform with a signed, single-use `state` (10 minutes) and keeps its nonce
 * in a cookie; the platform returns to /web/<channel>/callback with a code and the state. The
 * state must hold, be this browser's (no one can send another's browser back with their own code:
 * login CSRF) and be unused; the platform names the account of the code, and the directory the
 * person with that account. Every refusal is a page that says what to do.
 */
export function mountPlatformSignIn(
  router: Router,
  deps: WebAuthDeps,
  signedIn: (ctx: Koa.Context) => Promise<SignedIn | undefined>,
  signIns: PlatformSignIns,
): void {
  for (const [channel, platform] of signIns.platforms) {
    const path = `/web/${channel}`;
    const returnUrl = `${signIns.publicBaseUrl}${path}/callback`;
    const platformName = channelLabel(channel);
    const refuse = (ctx: Koa.Context, text: string) =>
      answerNotice(ctx, 400, m("loginFailedTitle"), [
        text,
        m("platformRetryHint", { platform: platformName }),
      ]);

    router.get(path, async (ctx) => {
      // Already signed in (the app's menu opened again): straight to the console.
      if (await signedIn(ctx)) return ctx.redirect("/web");
      const { state, nonce } = createPlatformState(deps.keys, deps.clock.now());
      ctx.cookies.set(STATE_COOKIE, nonce, sessionCookieOptions(ctx, PLATFORM_SIGN_IN_MS));
      ctx.redirect(platform.authorizeUrl(returnUrl, state));
    });

    router.get(`${path}/callback`, async (ctx) => {
      const now = deps.clock.now();
      const read = readPlatformState(deps.keys, text(ctx.query.state), now);
      if (!read.ok) return refuse(ctx, m(read.problem === "expired" ? "platformExpired" : "platformInvalid"));
      const ownNonce = ctx.cookies.get(STATE_COOKIE);
      ctx.cookies.set(STATE_COOKIE, "", sessionCookieOptions(ctx));
      if (ownNonce !== read.nonce) return refuse(ctx, m("platformOtherBrowser"));
      const code = text(ctx.query.code);
      if (!code) return refuse(ctx, m("platformCodeRefused"));
      if (!(await deps.store.claimOnce(`web-platform-sign-in:${read.nonce}`, SIGN_IN_CLAIM_TTL_MS)))
        return refuse(ctx, m("platformUsed"));
      const account = await platform.accountFor(code);
      if (!account.ok) return refuse(ctx, m(problemText[account.problem], { platform: platformName }));
      const person = deps.people().byAccount(channel, account.userId);
      if (!person) return refuse(ctx, m("platformUnknownPerson", { platform: platformName }));
      const current = await signedIn(ctx);
      if (current && current.session.personId !== person.personId)
        return refuse(ctx, m("platformOtherPerson", { name: current.viewer.name }));
      await startSession(ctx, deps, { personId: person.personId, current, via: channel });
    });
  }
}

const text = (value: unknown): string => (typeof value === "string" ? value : "");
