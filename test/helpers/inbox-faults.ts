import { type ChildProcess, spawn } from "node:child_process";
import { createServer as createHttpServer, type Server } from "node:http";
import { createServer } from "node:net";
import { onTestFinished } from "vitest";
import { V1_ENV } from "../fixtures/wecom/vectors.js";
import { waitFor } from "./service-process.js";
import { sealWecomCallback } from "./wecom-request.js";

/** The demo directory's 24 contacts, and strangers (who get a polite refusal): one answer each. */
export const CONTACTS = Array.from(
  { length: 24 },
  (_, i) => `demo.u${String(i + 1).padStart(2, "0")}.contact`,
);
export const burstUsers = (strangers: number): string[] => [
  ...CONTACTS,
  ...Array.from({ length: strangers }, (_, i) => `fault.stranger${String(i + 1).padStart(3, "0")}`),
];

/** A text message from `user` as WeCom posts it: signed and encrypted; re-POSTing it is WeCom's retry. */
export function textCallback(user: string, n: number): { path: string; body: string } {
  const now = Math.floor(Date.now() / 1000);
  const plain =
    `<xml><ToUserName><![CDATA[${V1_ENV.WECOM_CORP_ID}]]></ToUserName><FromUserName><![CDATA[${user}]]></FromUserName>` +
    `<CreateTime>${now}</CreateTime><MsgType><![CDATA[text]]></MsgType>` +
    `<Content><![CDATA[请问本月进展怎么报？]]></Content><MsgId>${8_100_000_000 + n}</MsgId>` +
    `<AgentID>${V1_ENV.WECOM_AGENT_ID}</AgentID></xml>`;
  const sealed = sealWecomCallback(
    plain,
    { corpId: V1_ENV.WECOM_CORP_ID, token: V1_ENV.WECOM_TOKEN, aesKey: V1_ENV.WECOM_AES_KEY, agentId: 218 },
    { timestamp: String(now), nonce: `n${n}` },
  );
  return { path: `/wecom/callback?${sealed.search}`, body: sealed.body };
}

/**
 * The demo directory's admins. The service tells them things of its own on the real clock (from
 * 1 December, that next year's holidays are not in the calendar yet): not answers to anyone.
 */
const ADMINS = new Set(["demo.admin1", "demo.admin2"]);

/** How many sends each user received at the fake WeCom API, the admins' own notices left out. */
export function sendsPerUser(sends: readonly { touser: string }[]): Map<string, number> {
  const perUser = new Map<string, number>();
  for (const send of sends)
    if (!ADMINS.has(send.touser)) perUser.set(send.touser, (perUser.get(send.touser) ?? 0) + 1);
  return perUser;
}

/**
 * Waits until each of `users` has had an answer at the fake WeCom API, then 2 s more (a late
 * duplicate would show by then), and gives the sends per user for the test to check.
 */
export async function answersOnceSettled(
  sends: readonly { touser: string }[],
  users: readonly string[],
  timeoutMs: number,
): Promise<Map<string, number>> {
  await waitFor(
    "an answer to every acknowledged callback",
    async () => {
      const perUser = sendsPerUser(sends);
      return users.every((user) => (perUser.get(user) ?? 0) >= 1);
    },
    { timeoutMs, everyMs: 200 },
  );
  await new Promise((resolve) => setTimeout(resolve, 2_000));
  return sendsPerUser(sends);
}

/**
 * A WeCom API that accepts connections and never answers: a process pointed at it sends nothing,
 * so that what reaches the recording fake after a restart is what the restarted process sent.
 */
export async function startSilentApi(): Promise<string> {
  const server: Server = createHttpServer(() => {});
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  onTestFinished(() => {
    server.closeAllConnections();
    return new Promise<void>((resolve) => server.close(() => resolve()));
  });
  const address = server.address();
  return `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}`;
}

/** A TCP port on 127.0.0.1 that was free a moment ago. */
export async function sparePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : 0;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/**
 * This test's own redis-server on `port`, its data in `dir`. The append-only file (fsync every
 * second) keeps what the server acknowledged across a SIGKILL of the server process, as a
 * production Redis for Duban must be configured (docs/storage.md); without it a restarted server
 * would be empty and nothing could survive.
 */
export async function startRedisServer(port: number, dir: string): Promise<ChildProcess> {
  const child = spawn(
    "redis-server",
    [
      "--port",
      String(port),
      "--bind",
      "127.0.0.1",
      "--save",
      "",
      "--appendonly",
      "yes",
      "--appendfsync",
      "everysec",
      "--dir",
      dir,
    ],
    { stdio: ["ignore", "pipe", "pipe"] },
  );
  onTestFinished(() => {
    if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
  });
  let out = "";
  await new Promise<void>((resolve, reject) => {
    child.stdout?.setEncoding("utf8").on("data", (chunk: string) => {
      out += chunk;
      if (out.includes("Ready to accept connections")) resolve();
    });
    child.once("exit", (code) => reject(new Error(`redis-server exited (${code}):\n${out}`)));
  });
  return child;
}
