import { afterEach } from "vitest";
import {
  createDingtalkStream,
  type DingtalkStream,
  type DingtalkStreamOptions,
} from "../../../../../src/channels/dingtalk/stream/dingtalk-stream.js";
import type { StreamFrame } from "../../../../../src/channels/dingtalk/stream/stream-frames.js";
import { createLogger } from "../../../../../src/shared/logger.js";
import {
  type FakeGateway,
  type FakeGatewayOptions,
  startFakeGateway,
} from "../../../../fixtures/dingtalk/fake-gateway.js";

/**
 * Short timings so that every test runs in well under a second on a quiet machine; waits are on
 * conditions (never on exact timings), so a loaded one only makes them slower.
 */
export const FAST = {
  watchdogMs: 3_000,
  backoffBaseMs: 10,
  backoffCapMs: 200,
  stableAfterMs: 60_000,
  openTimeoutMs: 3_000,
  drainMs: 1_000,
} as const;

export interface StreamUnderTest {
  stream: DingtalkStream;
  /** Every frame handed to onFrame, in order. */
  frames: StreamFrame[];
  /** Every log line (JSON), debug included. */
  lines: string[];
  /** Log records of `level` whose message starts with `prefix`, parsed. */
  logged(level: string, prefix: string): Record<string, unknown>[];
}

const cleanups: (() => Promise<void>)[] = [];

afterEach(async () => {
  // Streams first (they would reconnect to a closing gateway), then gateways.
  const pending = cleanups.splice(0).reverse();
  for (const cleanup of pending) await cleanup();
});

export async function gatewayForTest(options: FakeGatewayOptions = {}): Promise<FakeGateway> {
  const gateway = await startFakeGateway(options);
  cleanups.push(() => gateway.close());
  return gateway;
}

/** A started stream against `gateway`, whose handler stores every frame and answers "ok". */
export function streamForTest(
  gateway: FakeGateway,
  overrides: Partial<DingtalkStreamOptions> = {},
  start = true,
): StreamUnderTest {
  const lines: string[] = [];
  const frames: StreamFrame[] = [];
  const stream = createDingtalkStream({
    apiBaseUrl: gateway.baseUrl,
    clientId: gateway.clientId,
    clientSecret: gateway.clientSecret,
    logger: createLogger({ level: "debug", write: (line) => lines.push(line) }),
    onFrame: async (frame) => {
      frames.push(frame);
      return { status: "ok" };
    },
    ...FAST,
    ...overrides,
  });
  cleanups.push(() => stream.close());
  if (start) stream.start();
  const logged = (level: string, prefix: string) =>
    lines
      .map((line) => JSON.parse(line) as Record<string, unknown>)
      .filter((record) => record.level === level && String(record.msg).startsWith(prefix));
  return { stream, frames, lines, logged };
}

/** A promise the test settles by hand. */
export function deferred<T = void>(): {
  promise: Promise<T>;
  resolve: (value: T) => void;
  settled: () => boolean;
} {
  let resolve!: (value: T) => void;
  let done = false;
  const promise = new Promise<T>((r) => {
    resolve = (value) => {
      done = true;
      r(value);
    };
  });
  return { promise, resolve, settled: () => done };
}
