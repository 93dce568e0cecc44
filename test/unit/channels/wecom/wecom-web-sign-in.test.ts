import { describe, expect, it } from "vitest";
import { WecomApiError, WecomTransportError } from "../../../../src/channels/wecom/wecom-api-error.js";
import { createWecomWebSignIn } from "../../../../src/channels/wecom/wecom-web-sign-in.js";
import { silentLogger } from "../../../../src/shared/logger.js";

/** WeCom's 网页授权 behind the neutral WebSignIn: the authorize URL, and what each answer means. */
function signInWith(answer: () => Promise<Record<string, unknown>>) {
  const calls: [string, Record<string, string>][] = [];
  const signIn = createWecomWebSignIn({
    config: { corpId: "ww0123456789abcdef", agentId: 1000002 },
    api: {
      get: async (method, query) => {
        calls.push([method, query]);
        return { errcode: 0, errmsg: "ok", ...(await answer()) };
      },
    },
    logger: silentLogger,
  });
  return { signIn, calls };
}

describe("WeCom's 网页授权 for the web console", () => {
  it("builds the authorize URL of Doc 91022, the return URL encoded, #wechat_redirect last", () => {
    const { signIn } = signInWith(async () => ({}));
    expect(signIn.authorizeUrl("https://duban.example.gov.cn/web/wecom/callback", "abc123")).toBe(
      "https://open.weixin.qq.com/connect/oauth2/authorize?appid=ww0123456789abcdef" +
        "&redirect_uri=https%3A%2F%2Fduban.example.gov.cn%2Fweb%2Fwecom%2Fcallback" +
        "&response_type=code&scope=snsapi_base&state=abc123&agentid=1000002#wechat_redirect",
    );
  });

  it("answers a member's userid, and tells an outsider, a refused code and WeCom down apart", async () => {
    const member = signInWith(async () => ({ userid: "zhangsan", user_ticket: "T" }));
    expect(await member.signIn.accountFor("CODE")).toEqual({ ok: true, userId: "zhangsan" });
    expect(member.calls).toEqual([["auth/getuserinfo", { code: "CODE" }]]);
    const outsider = signInWith(async () => ({ openid: "OPENID", external_userid: "EXT" }));
    expect(await outsider.signIn.accountFor("CODE")).toEqual({ ok: false, problem: "not-member" });
    const stale = signInWith(() =>
      Promise.reject(new WecomApiError("auth/getuserinfo", 40029, "invalid code")),
    );
    expect(await stale.signIn.accountFor("CODE")).toEqual({ ok: false, problem: "code-refused" });
    const domain = signInWith(() => Promise.reject(new WecomApiError("auth/getuserinfo", 50001, "x")));
    expect(await domain.signIn.accountFor("CODE")).toEqual({ ok: false, problem: "unavailable" });
    const down = signInWith(() =>
      Promise.reject(new WecomTransportError("auth/getuserinfo", "ECONNREFUSED")),
    );
    expect(await down.signIn.accountFor("CODE")).toEqual({ ok: false, problem: "unavailable" });
  });

  it("sends WeCom nothing that cannot be a code (over 512 bytes, spaces, empty)", async () => {
    const { signIn, calls } = signInWith(async () => ({ userid: "zhangsan" }));
    for (const code of ["", "a b", "x".repeat(513), "码"])
      expect(await signIn.accountFor(code)).toEqual({ ok: false, problem: "code-refused" });
    expect(calls).toEqual([]);
    expect(await signIn.accountFor("x".repeat(512))).toEqual({ ok: true, userId: "zhangsan" });
  });
});
