import { onTestFinished } from "vitest";
import { createFakeWecomServer, type FakeWecomOptions, type FakeWecomServer } from "./fake-wecom-server.js";

export type { FakeWecomSend } from "./fake-wecom-server.js";

/**
 * The fake WeCom API of fake-wecom-server.ts on 127.0.0.1, for a test whose service runs in another
 * process: it answers gettoken and message/send as WeCom documents them, each send after
 * `sendDelayMs`, records the sends (`received() - sends.length` are in flight), and for the first
 * `rateLimitForMs` refuses every send with 45009. Closed when the test finishes.
 */
export async function startFakeWecomApi(options: FakeWecomOptions = {}): Promise<FakeWecomServer> {
  const fake = await createFakeWecomServer(options);
  onTestFinished(fake.close);
  return fake;
}
