import nock from "nock";
import { afterEach } from "vitest";

// Tests never reach the network; only in-process servers on loopback are allowed.
nock.disableNetConnect();
nock.enableNetConnect(/^(127\.0\.0\.1|localhost|\[::1\])(:\d+)?$/);

afterEach(() => {
  nock.cleanAll();
});

if (process.env.TZ !== "UTC") {
  throw new Error("Run tests with TZ=UTC (npm test does) so that no code relies on the host time zone.");
}
