import { describe, expect, it } from "vitest";
import { readDingtalkConfig } from "../../../../src/channels/dingtalk/dingtalk-config.js";
import { ConfigError } from "../../../../src/shared/errors.js";

const valid = {
  DINGTALK_CLIENT_ID: "dingabcdefghijklmnop",
  DINGTALK_CLIENT_SECRET: "s3cr3t-Client-Secret_value",
};
const AES_KEY = "Yue0EfdN5900c1ce5cf6A152c63DDe1808a60c5ecd7";

/** The error, checked to name no value that was given (several are secrets). */
function configError(env: NodeJS.ProcessEnv): string {
  let error: unknown;
  try {
    readDingtalkConfig(env);
  } catch (caught) {
    error = caught;
  }
  expect(error).toBeInstanceOf(ConfigError);
  const { message } = error as ConfigError;
  for (const value of Object.values(env)) if (value && value.length > 3) expect(message).not.toContain(value);
  return message;
}

describe("readDingtalkConfig", () => {
  it("is off (undefined) while neither the Client ID nor the Secret is set", () => {
    expect(readDingtalkConfig({})).toBeUndefined();
    expect(
      readDingtalkConfig({
        DINGTALK_MODE: "http",
        PUBLIC_BASE_URL: "https://x.example",
        DINGTALK_CLIENT_ID: "",
      }),
    ).toBeUndefined();
  });

  it("reads a minimal configuration with its defaults: Stream, the public API, 20 QPS, 5,000 calls a month", () => {
    expect(readDingtalkConfig(valid)).toEqual({
      clientId: valid.DINGTALK_CLIENT_ID,
      clientSecret: valid.DINGTALK_CLIENT_SECRET,
      robotCode: valid.DINGTALK_CLIENT_ID,
      mode: "stream",
      apiBaseUrl: "https://api.dingtalk.com",
      qpsLimit: 20,
      monthlyQuota: 5000,
    });
  });

  it("reads every setting", () => {
    expect(
      readDingtalkConfig({
        ...valid,
        DINGTALK_ROBOT_CODE: "dingrobot01",
        DINGTALK_MODE: "http",
        DINGTALK_CALLBACK_TOKEN: "mryue",
        DINGTALK_CALLBACK_AES_KEY: AES_KEY,
        DINGTALK_CARD_TEMPLATE_ID: "abc-123.schema",
        DINGTALK_API_BASE_URL: "https://api.dingtalk.io/",
        PUBLIC_BASE_URL: "https://duban.example.gov.cn/",
        DINGTALK_QPS_LIMIT: "40",
        DINGTALK_MONTHLY_QUOTA: "10000",
      }),
    ).toEqual({
      clientId: valid.DINGTALK_CLIENT_ID,
      clientSecret: valid.DINGTALK_CLIENT_SECRET,
      robotCode: "dingrobot01",
      mode: "http",
      eventCallback: { token: "mryue", aesKey: AES_KEY },
      cardTemplateId: "abc-123.schema",
      apiBaseUrl: "https://api.dingtalk.io",
      publicBaseUrl: "https://duban.example.gov.cn",
      qpsLimit: 40,
      monthlyQuota: 10000,
    });
  });

  it("refuses to start on a half or wrong configuration, naming each variable and its fix, never a value", () => {
    expect(configError({ DINGTALK_CLIENT_ID: valid.DINGTALK_CLIENT_ID })).toMatch(
      /DINGTALK_CLIENT_SECRET is not set\. Fix: .*or unset every DINGTALK_\* variable/,
    );
    const message = configError({
      ...valid,
      DINGTALK_MODE: "webhook",
      DINGTALK_CALLBACK_AES_KEY: "too-short-key",
      DINGTALK_API_BASE_URL: "ftp://api.dingtalk.com",
      DINGTALK_QPS_LIMIT: "fast",
    });
    expect(message).toMatch(/DINGTALK_MODE is malformed\. Fix: stream/);
    expect(message).toMatch(/DINGTALK_CALLBACK_AES_KEY is malformed\. Fix: .*exactly 43 characters/);
    expect(message).toMatch(/DINGTALK_API_BASE_URL is malformed/);
    expect(message).toMatch(/DINGTALK_QPS_LIMIT is malformed/);
  });

  it("wants the event callback's token and AES key together", () => {
    expect(configError({ ...valid, DINGTALK_CALLBACK_TOKEN: "mryue" })).toMatch(
      /DINGTALK_CALLBACK_TOKEN and DINGTALK_CALLBACK_AES_KEY go together/,
    );
  });
});
