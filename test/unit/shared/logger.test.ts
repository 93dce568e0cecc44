import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { createLogger, type LogLevel } from "../../../src/shared/logger.js";

function capture(level?: LogLevel) {
  const raw: string[] = [];
  const lines: Record<string, unknown>[] = [];
  const logger = createLogger({
    level,
    write: (line) => {
      raw.push(line);
      lines.push(JSON.parse(line) as Record<string, unknown>);
    },
  });
  return { logger, lines, raw };
}

const LOG_THEN_DIE = fileURLToPath(new URL("../../fixtures/shared/log-then-die.ts", import.meta.url));

/** The stderr lines of the fixture that logs `count` records and then exits or kills itself. */
async function stderrOfChild(how: "exit" | "kill", count: number) {
  const child = spawn(process.execPath, ["--import", "tsx", LOG_THEN_DIE], {
    env: { ...process.env, COUNT: String(count), HOW: how },
    stdio: ["ignore", "ignore", "pipe"],
  });
  let stderr = "";
  child.stderr.setEncoding("utf8").on("data", (chunk: string) => {
    stderr += chunk;
  });
  const ended = await new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once("close", (code, signal) => resolve({ code, signal })),
  );
  return { ended, lines: stderr.split("\n").filter((line) => line.startsWith("{")) };
}

describe("createLogger", () => {
  it("writes a Date field as its ISO string, however deep, not as {}", () => {
    const { logger, lines } = capture();
    const at = new Date("2021-03-22T01:02:03.004Z");
    logger.warn("send failed; will retry", { retryAfter: at, nested: { at }, list: [at] });
    expect(lines[0]).toMatchObject({
      retryAfter: "2021-03-22T01:02:03.004Z",
      nested: { at: "2021-03-22T01:02:03.004Z" },
      list: ["2021-03-22T01:02:03.004Z"],
    });
  });

  it("says so for an invalid Date instead of throwing", () => {
    const { logger, lines } = capture();
    logger.info("x", { at: new Date(Number.NaN) });
    expect(lines[0]).toMatchObject({ at: "Invalid Date" });
  });

  it("still redacts secrets next to dates", () => {
    const { logger, lines } = capture();
    logger.info("x", { accessToken: "abc", at: new Date(0) });
    expect(lines[0]).toMatchObject({ accessToken: "[redacted]", at: "1970-01-01T00:00:00.000Z" });
  });

  it("writes one JSON object per line: an ISO time, the level as its word, msg, and the fields flat", () => {
    const { logger, lines, raw } = capture("debug");
    logger.child({ channel: "wecom" }).debug("inbound event", { eventId: "ev-1", count: 2 });
    logger.info("duban listening");
    expect(raw.every((line) => !line.includes("\n"))).toBe(true);
    expect(lines).toEqual([
      {
        time: expect.any(String),
        level: "debug",
        msg: "inbound event",
        channel: "wecom",
        eventId: "ev-1",
        count: 2,
      },
      { time: expect.any(String), level: "info", msg: "duban listening" },
    ]);
    const time = String(lines[0]?.time);
    expect(new Date(time).toISOString()).toBe(time);
  });

  it("writes nothing below its level, and a message as given, % and all", () => {
    const { logger, lines } = capture("warn");
    logger.debug("d");
    logger.info("i", { a: 1 });
    logger.warn("100% of %s", { b: 2 });
    logger.error("e");
    expect(lines.map((l) => [l.level, l.msg])).toEqual([
      ["warn", "100% of %s"],
      ["error", "e"],
    ]);
  });

  it("never writes a secret nested in an Error's fields, in an array, or in a child's bindings", () => {
    const { logger, lines, raw } = capture("debug");
    const error = Object.assign(new Error("WeCom refused the send"), {
      code: 40014,
      request: { url: "https://qyapi.weixin.qq.com/cgi-bin/message/send?access_token=SECRET-1" },
      config: { headers: { Authorization: "Bearer SECRET-2" } },
      cause: { accessToken: "SECRET-3" },
    });
    const child = logger
      .child({ channel: "wecom", credentials: { corpSecret: "SECRET-4" } })
      .child({ robots: [{ name: "office", webhookToken: "SECRET-5" }] });
    child.error("send failed", {
      error,
      attempts: [{ at: new Date(0), error }, { headers: { authorization: "SECRET-6" } }],
      nested: { errors: [error], encodingAesKey: "SECRET-7" },
    });
    child.child({ signature: "SECRET-8" }).warn("refused");
    expect(raw.join("\n")).not.toContain("SECRET");
    expect(lines[0]).toMatchObject({
      channel: "wecom",
      credentials: { corpSecret: "[redacted]" },
      robots: [{ name: "office", webhookToken: "[redacted]" }],
      error: { name: "Error", message: "WeCom refused the send" },
      attempts: [
        { at: "1970-01-01T00:00:00.000Z", error: { name: "Error", message: "WeCom refused the send" } },
        { headers: { authorization: "[redacted]" } },
      ],
      nested: {
        errors: [{ name: "Error", message: "WeCom refused the send" }],
        encodingAesKey: "[redacted]",
      },
    });
    expect(lines[1]).toMatchObject({ msg: "refused", signature: "[redacted]", channel: "wecom" });
  });

  it("reads a child's bindings once, when it is made, not again for each record", () => {
    const { logger, lines } = capture();
    let reads = 0;
    const child = logger.child({
      get unit() {
        reads += 1;
        return "hr";
      },
    });
    for (let n = 0; n < 3; n++) child.info("record", { n });
    expect(reads).toBe(1);
    expect(lines.map((l) => [l.unit, l.n])).toEqual([
      ["hr", 0],
      ["hr", 1],
      ["hr", 2],
    ]);
  });

  it("gives a grandchild both bindings, the later one winning, and the bindings of when it was made", () => {
    const { logger, lines } = capture();
    const bindings: Record<string, unknown> = { channel: "wecom", person: "p1" };
    const child = logger.child(bindings).child({ person: "p2", eventId: "e1" });
    bindings.channel = "dingtalk";
    child.debug("below the level: nothing");
    child.info("answer queued");
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ channel: "wecom", person: "p2", eventId: "e1", msg: "answer queued" });
  });

  it.each(["exit", "kill"] as const)(
    "loses no record written to stderr when the process ends at once after logging (%s)",
    async (how) => {
      // Well past a pipe's 64 KiB: records still queued in the process at its end would be lost.
      const count = 2_000;
      const { ended, lines } = await stderrOfChild(how, count);
      expect(ended).toEqual(how === "exit" ? { code: 0, signal: null } : { code: null, signal: "SIGKILL" });
      expect(lines).toHaveLength(count);
      expect(JSON.parse(lines[count - 1] ?? "{}")).toMatchObject({
        level: "info",
        worker: "log-then-die",
        n: count,
      });
    },
    30_000,
  );
});
