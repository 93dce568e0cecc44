import { Redis } from "ioredis";
import { redactUrl } from "../redact-url.js";
import { StoreUnavailableError } from "../store-errors.js";

/** How to connect to Redis. */
export interface RedisConnectOptions {
  /** How long to wait for the first connection before giving up. */
  connectTimeoutMs?: number;
}

/**
 * Connects, and fails fast with a message that names the server (password masked) and the fix,
 * rather than letting commands queue while ioredis retries in the background.
 */
export async function connectRedis(url: string, options: RedisConnectOptions = {}): Promise<Redis> {
  const client = new Redis(url, {
    lazyConnect: true,
    connectTimeout: options.connectTimeoutMs ?? 5_000,
    // After the first connection, reconnect with backoff; a command waits for at most 3 tries.
    maxRetriesPerRequest: 3,
    retryStrategy: (attempt) => Math.min(attempt * 200, 2_000),
  });
  // Without a listener ioredis prints every reconnect error; the last one explains a failed connect.
  let lastError: Error | undefined;
  client.on("error", (error: Error) => {
    lastError = error;
  });
  try {
    await client.connect();
    await client.ping();
    return client;
  } catch (cause) {
    client.disconnect();
    const reason = scrub((lastError ?? (cause as Error)).message.replace(/\.$/, ""), url);
    throw new StoreUnavailableError(
      `Cannot reach Redis at ${redactUrl(url)} (${reason}). ` +
        "Check that Redis is running and that REDIS_URL (or --store) names it, with the right password.",
      { cause },
    );
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
