import type Router from "@koa/router";
import type Koa from "koa";
import { messages } from "../../templates/template-store.js";
import type { WebAuthDeps } from "./mount-web-auth.js";
import { answerNotice } from "./notice-page.js";
import type { SignedIn } from "./resolve-session.js";
import { SIGN_IN_PATH, SIGN_IN_TOKEN_FIELD, signInFormHtml } from "./sign-in-form.js";
import {
  readSignInToken,
  SIGN_IN_CLAIM_TTL_MS,
  type SignInClaim,
  signInClaimKey,
  signInUsedKey,
} from "./sign-in-token.js";
import { startSession } from "./start-session.js";

const m = messages("web");

type LinkCheck =
  | { ok: true; claim: SignInClaim; name: string; current?: SignedIn }
  | { ok: false; text: string };

/**
 * The sign-in link in two steps. GET /web/login?t=… only reads the link and answers a page naming
 * the person, with one button; a link preview or a URL scanner that fetches it first spends
 * nothing. The button POSTs the token to /web/login, which claims it (once, on every instance) and
 * starts the session. Both answer the same refusals; the POST's claim alone decides "used".
 */
export function mountSignIn(
  router: Router,
  deps: WebAuthDeps,
  signedIn: (ctx: Koa.Context) => Promise<SignedIn | undefined>,
): void {
  const refuse = (ctx: Koa.Context, text: string) =>
    answerNotice(ctx, 400, m("loginFailedTitle"), [text, m("newLinkHint")]);

  async function checkLink(ctx: Koa.Context, token: string, now: Date): Promise<LinkCheck> {
    const read = readSignInToken(deps.keys, token, now);
    if (!read.ok) return { ok: false, text: m(read.problem === "expired" ? "loginExpired" : "loginInvalid") };
    const { claim } = read;
    // Someone else is signed in on this browser: the link is left unused for its owner.
    const current = await signedIn(ctx);
    if (current && current.session.personId !== claim.personId)
      return { ok: false, text: m("loginOtherPerson", { name: current.viewer.name }) };
    const person = deps.people().byId(claim.personId);
    if (!person) return { ok: false, text: m("loginUnknownPerson") };
    if ((await deps.counters.read(signInUsedKey(claim), now)) > 0) return { ok: false, text: m("loginUsed") };
    return { ok: true, claim, name: person.name, ...(current ? { current } : {}) };
  }

  // GET answers HEAD too: with nothing spent here, a link checker's HEAD is as harmless as a GET.
  router.get(SIGN_IN_PATH, async (ctx) => {
    const token = typeof ctx.query.t === "string" ? ctx.query.t : "";
    const checked = await checkLink(ctx, token, deps.clock.now());
    if (!checked.ok) return refuse(ctx, checked.text);
    answerNotice(
      ctx,
      200,
      m("loginConfirmTitle"),
      [m("loginConfirmText", { name: checked.name }), m("loginConfirmHint")],
      signInFormHtml(token),
    );
  });

  // The CSRF guard checked that the post does not come from another site and read the form.
  router.post(SIGN_IN_PATH, async (ctx) => {
    const form = ctx.state.form as URLSearchParams | undefined;
    const now = deps.clock.now();
    const checked = await checkLink(ctx, form?.get(SIGN_IN_TOKEN_FIELD) ?? "", now);
    if (!checked.ok) return refuse(ctx, checked.text);
    const { claim, current } = checked;
    if (!(await deps.store.claimOnce(signInClaimKey(claim), SIGN_IN_CLAIM_TTL_MS)))
      return refuse(ctx, m("loginUsed"));
    await markUsed(deps, claim, now);
    await startSession(ctx, deps, { personId: claim.personId, current, via: "link" });
  });
}

/** Only the wording of a later GET depends on it, so a store that fails here signs nobody out. */
async function markUsed(deps: WebAuthDeps, claim: SignInClaim, now: Date): Promise<void> {
  try {
    await deps.counters.add(signInUsedKey(claim), 1, now, new Date(claim.expiresAt));
  } catch (error) {
    deps.logger.warn("web sign-in link not marked used", { personId: claim.personId, error });
  }
}
