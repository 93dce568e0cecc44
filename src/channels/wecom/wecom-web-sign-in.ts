import type { Logger } from "../../shared/logger.js";
import type { WebSignIn, WebSignInAccount } from "../web-sign-in.js";
import type { WecomApi } from "./wecom-api.js";
import { WecomApiError } from "./wecom-api-error.js";
import type { WecomConfig } from "./wecom-config.js";

/** Where WeCom's 网页授权 starts (Doc 91022): the client adds who the visitor is. */
const AUTHORIZE_URL = "https://open.weixin.qq.com/connect/oauth2/authorize";
/** 40029 invalid code: a code is good once, for 5 minutes (Doc 91023). */
const INVALID_CODE = 40029;
/** A code is at most 512 bytes (Doc 91023): anything longer is not one, and is not sent on. */
const CODE = /^[\x21-\x7e]{1,512}$/;

/**
 * WeCom's 网页授权 for the web console, inside the WeCom client: the authorize URL of the
 * self-built app (snsapi_base, silent), and auth/getuserinfo to turn the code it returns with into
 * the member's UserId, with the app's access token (the shared token cache).
 */
export function createWecomWebSignIn(deps: {
  config: Pick<WecomConfig, "corpId" | "agentId">;
  api: Pick<WecomApi, "get">;
  logger: Logger;
}): WebSignIn {
  return {
    authorizeUrl(returnUrl, state) {
      const query = new URLSearchParams({
        appid: deps.config.corpId,
        redirect_uri: returnUrl,
        response_type: "code",
        scope: "snsapi_base",
        state,
        agentid: String(deps.config.agentId),
      });
      // #wechat_redirect: the client's cue to add the member's identity (Doc 91022).
      return `${AUTHORIZE_URL}?${query.toString()}#wechat_redirect`;
    },
    async accountFor(code): Promise<WebSignInAccount> {
      if (!CODE.test(code)) return { ok: false, problem: "code-refused" };
      let answer: Record<string, unknown>;
      try {
        answer = await deps.api.get("auth/getuserinfo", { code });
      } catch (error) {
        if (error instanceof WecomApiError && error.errcode === INVALID_CODE)
          return { ok: false, problem: "code-refused" };
        // 50001 (the redirect's domain is not the app's 可信域名) and the like: the operator's to fix.
        deps.logger.warn("WeCom web sign-in: auth/getuserinfo failed", {
          error,
          ...(error instanceof WecomApiError && error.hint ? { hint: error.hint } : {}),
        });
        return { ok: false, problem: "unavailable" };
      }
      // A member has a userid; someone outside the corp only an openid (Doc 91023).
      const userId = answer.userid;
      if (typeof userId === "string" && userId !== "") return { ok: true, userId };
      return { ok: false, problem: "not-member" };
    },
  };
}
