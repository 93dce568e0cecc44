import { Redis } from "ioredis";
import {
  REDIS_URL_FORM,
  type RedisUrlSource,
  redisDbIndex,
  redisUrlProblem,
} from "../../config/redis-url.js";
import { ConfigError } from "../../shared/errors.js";
import { withTimeout } from "../../shared/with-timeout.js";
import { redactUrl } from "../redact-url.js";
import { StoreUnavailableError } from "../store-errors.js";

/** How to connect to Redis. */
export interface RedisConnectOptions {
  /** How long to wait for the first connection (and its first answer) before giving up. */
  connectTimeoutMs?: number;
  /** Where the URL came from, named in every error about it; "REDIS_URL" unless said. */
  source?: RedisUrlSource;
}

/** What a server says when CONFIG is disabled or renamed: Redis' own default. */
const DEFAULT_DATABASES = 16;

/**
 * Connects, and fails fast with a message that names the server (password masked), the variable
 * the URL came from and the fix, rather than letting commands queue while ioredis retries in the
 * background. A database index the server does not have is refused: ioredis would only log the
 * failed SELECT and go on writing to database 0.
 */
export async function connectRedis(url: string, options: RedisConnectOptions = {}): Promise<Redis> {
  const source = options.source ?? "REDIS_URL";
  const problem = redisUrlProblem(url);
  if (problem !== undefined)
    throw new ConfigError(`${source} "${redactUrl(url)}" ${problem}. Write ${REDIS_URL_FORM}.`);
  const connectTimeoutMs = options.connectTimeoutMs ?? 5_000;
  const client = new Redis(url, {
    lazyConnect: true,
    connectTimeout: connectTimeoutMs,
    // After the first connection, reconnect with backoff; a command waits for at most 3 tries.
    maxRetriesPerRequest: 3,
    retryStrategy: (attempt) => Math.min(attempt * 200, 2_000),
  });
  // Without a listener ioredis prints every reconnect error; the last one explains a failed connect.
  let lastError: Error | undefined;
  client.on("error", (error: Error) => {
    lastError = error;
  });
  let databases: number;
  try {
    // A server that accepts the connection and never answers would otherwise hang the start.
    databases = await withTimeout(
      (async () => {
        await client.connect();
        await client.ping();
        return countDatabases(client);
      })(),
      connectTimeoutMs,
    );
  } catch (cause) {
    client.disconnect();
    const reason = scrub((lastError ?? (cause as Error)).message.replace(/\.$/, ""), url);
    throw new StoreUnavailableError(
      `Cannot reach Redis at ${redactUrl(url)} (${reason}). ` +
        `Check that Redis is running and that ${source} names it, with the right password.`,
      { cause },
    );
  }
  const db = redisDbIndex(url);
  if (db >= databases) {
    client.disconnect();
    throw new ConfigError(
      `${source} "${redactUrl(url)}" names database ${db}, but this Redis has databases 0 to ${databases - 1}. ` +
        `Fix ${source}: end it with /0 … /${databases - 1} (or nothing, for database 0).`,
    );
  }
  return client;
}

/** The server's `databases` setting; 16 (Redis' default) when CONFIG is disabled or renamed. */
async function countDatabases(client: Redis): Promise<number> {
  try {
    const reply = (await client.config("GET", "databases")) as unknown;
    const value = Array.isArray(reply) ? Number(reply[1]) : Number.NaN;
    return Number.isInteger(value) && value > 0 ? value : DEFAULT_DATABASES;
  } catch {
    return DEFAULT_DATABASES;
  }
}

/** Removes the password from a driver message, in case a driver ever echoes it. */
function scrub(message: string, url: string): string {
  let password = "";
  try {
    password = decodeURIComponent(new URL(url).password);
  } catch {
    return message;
  }
  return password === "" ? message : message.split(password).join("***");
}
