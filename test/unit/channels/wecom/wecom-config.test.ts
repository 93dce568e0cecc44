import { describe, expect, it, vi } from "vitest";
import { readWecomConfig } from "../../../../src/channels/wecom/wecom-config.js";
import { ConfigError } from "../../../../src/shared/errors.js";
import { OFFICIAL_KEYS } from "../../../fixtures/wecom/vectors.js";
import { thrown } from "./wecom-test-kit.js";

const valid = {
  WECOM_CORP_ID: OFFICIAL_KEYS.corpId,
  WECOM_AGENT_ID: "1000002",
  WECOM_SECRET: "s3cr3tS3cr3tValue_-x",
  WECOM_TOKEN: OFFICIAL_KEYS.token,
  WECOM_AES_KEY: OFFICIAL_KEYS.aesKey,
};

function configError(env: NodeJS.ProcessEnv): ConfigError {
  const error = thrown(() => readWecomConfig(env));
  expect(error).toBeInstanceOf(ConfigError);
  const { message } = error as ConfigError;
  for (const value of Object.values(env)) if (value && value.length > 3) expect(message).not.toContain(value);
  return error as ConfigError;
}

describe("readWecomConfig", () => {
  it("is off (undefined) when no required variable is set", () => {
    expect(readWecomConfig({})).toBeUndefined();
    expect(readWecomConfig({ PATH: "/bin", WECOM_REPLAY_WINDOW_S: "60", WECOM_CORP_ID: "" })).toBeUndefined();
  });

  it("reads a complete configuration with defaults", () => {
    expect(readWecomConfig(valid)).toEqual({
      corpId: OFFICIAL_KEYS.corpId,
      agentId: 1000002,
      secret: "s3cr3tS3cr3tValue_-x",
      token: OFFICIAL_KEYS.token,
      aesKey: OFFICIAL_KEYS.aesKey,
      replayWindowS: 300,
      apiBaseUrl: "https://qyapi.weixin.qq.com",
      robots: [],
    });
  });

  it("reads the optional variables", () => {
    const config = readWecomConfig({
      ...valid,
      WECOM_REPLAY_WINDOW_S: "0",
      WECOM_API_BASE_URL: "http://127.0.0.1:8080/wecom/",
      WECOM_ROBOT_KEYS: " 693a91f6-7xxx-4bc4-97a0-0ec2sifa5aaa , key2",
    });
    expect(config).toMatchObject({
      replayWindowS: 0,
      apiBaseUrl: "http://127.0.0.1:8080/wecom",
      robots: [
        { name: "robot1", key: "693a91f6-7xxx-4bc4-97a0-0ec2sifa5aaa" },
        { name: "robot2", key: "key2" },
      ],
    });
  });

  it("names robots for the directory's groups, and reads the seats", () => {
    const config = readWecomConfig({
      ...valid,
      WECOM_ROBOT_KEYS: "领导群=key-one, office = key2",
      WECOM_SEATS: "300",
    });
    expect(config).toMatchObject({
      robots: [
        { name: "领导群", key: "key-one" },
        { name: "office", key: "key2" },
      ],
      seats: 300,
    });
    expect(() => readWecomConfig({ ...valid, WECOM_ROBOT_KEYS: "a=key-one,a=key2" })).toThrow(
      /names two robots "a"/,
    );
    expect(() => readWecomConfig({ ...valid, WECOM_SEATS: "many" })).toThrow(/WECOM_SEATS is malformed/);
  });

  it.each(["WECOM_CORP_ID", "WECOM_AGENT_ID", "WECOM_SECRET", "WECOM_TOKEN", "WECOM_AES_KEY"] as const)(
    "names a missing %s and how to fix it",
    (name) => {
      const env: NodeJS.ProcessEnv = { ...valid };
      delete env[name];
      const { message } = configError(env);
      expect(message).toContain(`${name} is not set`);
      expect(message).toContain("Fix:");
      expect(message).toContain("unset every WECOM_* variable");
    },
  );

  it.each([
    ["an AES key of 42 characters", { WECOM_AES_KEY: OFFICIAL_KEYS.aesKey.slice(1) }, "WECOM_AES_KEY"],
    ["an AES key of 44 characters", { WECOM_AES_KEY: `${OFFICIAL_KEYS.aesKey}A` }, "WECOM_AES_KEY"],
    ["an AES key with a '+'", { WECOM_AES_KEY: `${OFFICIAL_KEYS.aesKey.slice(1)}+` }, "WECOM_AES_KEY"],
    ["a token with a trailing newline", { WECOM_TOKEN: `${OFFICIAL_KEYS.token}\n` }, "WECOM_TOKEN"],
    ["a secret with a space", { WECOM_SECRET: "abc def-ghijk" }, "WECOM_SECRET"],
    ["a non-numeric agent id", { WECOM_AGENT_ID: "app-12" }, "WECOM_AGENT_ID"],
    ["a negative replay window", { WECOM_REPLAY_WINDOW_S: "-5" }, "WECOM_REPLAY_WINDOW_S"],
    ["a non-http API base URL", { WECOM_API_BASE_URL: "ftp://qyapi.example" }, "WECOM_API_BASE_URL"],
    ["a robot key list with an empty entry", { WECOM_ROBOT_KEYS: "key-one,,key-two" }, "WECOM_ROBOT_KEYS"],
  ])("refuses %s, naming the variable but not its value", (_, change, name) => {
    const { message } = configError({ ...valid, ...change });
    expect(message).toContain(`${name} is malformed. Fix:`);
  });

  it("lists every problem at once", () => {
    const { message } = configError({ WECOM_TOKEN: "tok en", WECOM_AES_KEY: "short" });
    for (const name of ["WECOM_CORP_ID", "WECOM_AGENT_ID", "WECOM_SECRET", "WECOM_TOKEN", "WECOM_AES_KEY"]) {
      expect(message).toContain(name);
    }
  });

  it("reads process.env by default", () => {
    for (const [name, value] of Object.entries(valid)) vi.stubEnv(name, value);
    try {
      expect(readWecomConfig()?.corpId).toBe(OFFICIAL_KEYS.corpId);
    } finally {
      vi.unstubAllEnvs();
    }
  });
});
