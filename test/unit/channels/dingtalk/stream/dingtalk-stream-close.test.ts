import { type ChildProcess, spawn } from "node:child_process";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { afterEach, describe, expect, it } from "vitest";
import type { StreamState } from "../../../../../src/channels/dingtalk/stream/dingtalk-stream.js";
import { type FakeGateway, waitFor } from "../../../../fixtures/dingtalk/fake-gateway.js";
import { gatewayForTest } from "./stream-test-kit.js";

/**
 * close() must leave no timer and no socket behind: the stream runs alone in a child process,
 * which, once closed, must have no such resource and exit by itself. A leaked watchdog, retry,
 * drain timer or socket would keep it alive.
 */

const CHILD = join(import.meta.dirname, "../../../../fixtures/dingtalk/stream-child.ts");
const children: ChildProcess[] = [];

afterEach(() => {
  for (const child of children.splice(0)) if (child.exitCode === null) child.kill("SIGKILL");
});

interface Driven {
  state(): Promise<StreamState>;
  /** Closes the stream; resolves with the resources left and the exit code once the child exits. */
  close(): Promise<{ resources: string[]; exitCode: number | null }>;
}

function drive(gateway: FakeGateway, env: Record<string, string> = {}): Driven {
  const child = spawn(process.execPath, ["--import", "tsx", CHILD], {
    env: {
      ...process.env,
      GATEWAY_URL: gateway.baseUrl,
      CLIENT_ID: gateway.clientId,
      CLIENT_SECRET: gateway.clientSecret,
      ...env,
    },
    stdio: ["pipe", "pipe", "inherit"],
  });
  children.push(child);
  const messages: Record<string, unknown>[] = [];
  createInterface({ input: child.stdout as NodeJS.ReadableStream }).on("line", (line) => {
    messages.push(JSON.parse(line));
  });
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  const send = (command: string) => child.stdin?.write(`${command}\n`);
  return {
    async state() {
      const seen = messages.length;
      send("state");
      await waitFor(() => messages.slice(seen).some((m) => "state" in m), "the child's state", 15_000);
      return messages.slice(seen).find((m) => "state" in m)?.state as StreamState;
    },
    async close() {
      send("close");
      await waitFor(() => messages.some((m) => m.closed), "the child closing its stream", 15_000);
      const resources = messages.find((m) => m.closed)?.resources as string[];
      const exitCode = await Promise.race([
        exited,
        new Promise<"alive">((resolve) => setTimeout(() => resolve("alive"), 5_000).unref()),
      ]);
      if (exitCode === "alive")
        throw new Error(`the child stayed alive after close(); resources: ${resources}`);
      return { resources, exitCode };
    },
  };
}

async function waitForStatus(driven: Driven, status: StreamState["status"]): Promise<StreamState> {
  let state = await driven.state();
  const deadline = Date.now() + 15_000;
  while (state.status !== status) {
    if (Date.now() > deadline) throw new Error(`the child never reached ${status}: ${JSON.stringify(state)}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
    state = await driven.state();
  }
  return state;
}

/** Timers, immediates and TCP handles would keep the process alive; stdio pipes are the child's own. */
const leaks = (resources: string[]) => resources.filter((r) => !/^(PipeWrap|TTYWrap|FSReqCallback)$/.test(r));

describe("DingTalk Stream: close() leaves nothing behind", () => {
  it("while connected, with a rotation under way and a handler that never answers", async () => {
    const gateway = await gatewayForTest({ heartbeatMs: 100, disconnectGraceMs: 30_000 });
    const driven = drive(gateway);
    const first = await gateway.waitForConnection(0, 15_000);
    await first.pushRobotMessage().waitForAck(15_000);
    first.pushRobotMessage({ text: { content: "hang" } });
    first.disconnect();
    await gateway.waitForConnection(1, 15_000);
    await waitForStatus(driven, "connected");
    // The first connection now waits (drainMs: 30 s) for the handler that never answers.
    expect(first.isOpen()).toBe(true);

    const { resources, exitCode } = await driven.close();
    expect(leaks(resources)).toEqual([]);
    expect(exitCode).toBe(0);
    await waitFor(() => gateway.connections.every((c) => !c.isOpen()), "both connections closed");
  });

  it("while backing off", async () => {
    const gateway = await gatewayForTest();
    gateway.failOpen(1_000);
    const driven = drive(gateway, { BACKOFF_BASE_MS: "30000", BACKOFF_CAP_MS: "60000" });
    const state = await waitForStatus(driven, "backing-off");
    expect(state.nextAttemptAt).toBeDefined();

    const { resources, exitCode } = await driven.close();
    expect(leaks(resources)).toEqual([]);
    expect(exitCode).toBe(0);
  });

  it("while connections/open has not answered", async () => {
    const gateway = await gatewayForTest({ openDelayMs: 30_000 });
    const driven = drive(gateway);
    await waitFor(() => gateway.stats().openRequests === 1, "the open request", 15_000);

    const { resources, exitCode } = await driven.close();
    expect(leaks(resources)).toEqual([]);
    expect(exitCode).toBe(0);
  });

  it("while the WebSocket handshake hangs", async () => {
    const gateway = await gatewayForTest({ stallHandshakes: true });
    const driven = drive(gateway);
    await waitFor(() => gateway.stats().stalledHandshakes === 1, "the handshake", 15_000);
    await waitForStatus(driven, "connecting");

    const { resources, exitCode } = await driven.close();
    expect(leaks(resources)).toEqual([]);
    expect(exitCode).toBe(0);
  });
});
