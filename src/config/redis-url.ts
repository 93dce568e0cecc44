/**
 * Where a Redis URL came from, so that an error names the variable to fix: the environment's
 * REDIS_URL, the `--store` option, or the test suites' DUBAN_TEST_REDIS_URL.
 */
export type RedisUrlSource = "REDIS_URL" | "--store" | "DUBAN_TEST_REDIS_URL";

/** How to write one, for every message about a bad one. */
export const REDIS_URL_FORM = "redis://[:password@]host:6379[/db] (rediss:// for TLS)";

/**
 * Checks the form of a Redis URL: redis:// or rediss://, a host, and a database index that is
 * a whole number (or none: database 0). Returns what is wrong, or undefined. The range of the
 * index depends on the server (`databases` in redis.conf), so `connectRedis` checks it on connect.
 * Never echoes the URL: it may hold a password.
 */
export function redisUrlProblem(url: string): string | undefined {
  if (!/^rediss?:\/\//.test(url)) return "must start with redis:// or rediss://";
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return `is not a valid URL; write ${REDIS_URL_FORM}`;
  }
  if (parsed.hostname === "") return `has no host; write ${REDIS_URL_FORM}`;
  const db = parsed.pathname.replace(/^\//, "");
  if (db !== "" && !/^\d{1,9}$/.test(db))
    return `names database "${db.slice(0, 20)}", which is not a number; write /0, /1 … after the port, or nothing for database 0`;
  return undefined;
}

/** The database index a well-formed Redis URL selects (0 when it names none). */
export function redisDbIndex(url: string): number {
  const db = new URL(url).pathname.replace(/^\//, "");
  return db === "" ? 0 : Number(db);
}
