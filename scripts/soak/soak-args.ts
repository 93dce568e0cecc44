import { parseArgs } from "node:util";

export interface SoakArgs {
  /** How long callbacks are posted, in real minutes (then the service is let settle and stopped). */
  minutes: number;
  /** New callbacks a second (replays come on top, as a share of them). */
  rate: number;
  /** The demo clock's speed: demo time per real time (4000: about 2.8 days a minute). */
  speed: number;
  /** Run on this Redis (keys under a prefix of their own, removed after) instead of SQLite. */
  redisUrl: string | undefined;
  /** Keep the data folder for a look afterwards. */
  keep: boolean;
}

/** Sent outbox rows are purged after 90 days of the service's clock: the run must stay well inside. */
const MAX_DEMO_DAYS = 60;
const DAY_MS = 86_400_000;

const USAGE =
  "usage: npm run soak -- [--minutes N (default 10)] [--rate callbacks/s (default 4)] " +
  "[--speed demo-clock speed (default 4000)] [--redis redis://127.0.0.1:6379] [--keep]";

/** The soak's options, or an error that says which one is wrong and how to write it. */
export function parseSoakArgs(argv: readonly string[]): SoakArgs {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      minutes: { type: "string", default: "10" },
      rate: { type: "string", default: "4" },
      speed: { type: "string", default: "4000" },
      redis: { type: "string" },
      keep: { type: "boolean", default: false },
      help: { type: "boolean", default: false },
    },
    strict: true,
  });
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    process.exit(0);
  }
  const minutes = positive(values.minutes, "--minutes", "a number of minutes such as 10 or 0.5");
  const rate = positive(values.rate, "--rate", "callbacks a second such as 4");
  if (rate > 50) throw new Error(`--rate ${rate} would hog a shared machine: at most 50 callbacks a second`);
  const speed = positive(values.speed, "--speed", "a demo-clock speed such as 4000");
  const demoDays = (minutes * 60_000 * speed) / DAY_MS;
  if (demoDays > MAX_DEMO_DAYS)
    throw new Error(
      `--minutes ${minutes} at --speed ${speed} covers ${demoDays.toFixed(0)} days of the demo clock; ` +
        `the service purges sent messages after 90 days, so keep it within ${MAX_DEMO_DAYS} ` +
        `(--speed ${Math.floor((MAX_DEMO_DAYS * DAY_MS) / (minutes * 60_000))} or less)`,
    );
  return { minutes, rate, speed, redisUrl: values.redis, keep: values.keep };
}

function positive(raw: string, name: string, example: string): number {
  const value = Number(raw);
  if (!Number.isFinite(value) || value <= 0) throw new Error(`${name} "${raw}": write ${example}\n${USAGE}`);
  return value;
}
