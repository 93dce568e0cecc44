import type { Clock } from "../shared/clock.js";

export interface CachedToken {
  token: string;
  /** Epoch ms at which the platform stops accepting it (fetch time + its stated lifetime). */
  expiresAtMs: number;
}

/**
 * Where access tokens are shared between instances, whatever the platform (WeCom, DingTalk). Each
 * app's token is independent, so keys name the app (WeCom: corp, agent and hashed secret; DingTalk:
 * client id and hashed secret); one cache serves several apps.
 */
export interface AccessTokenCache {
  read(key: string): Promise<CachedToken | undefined>;
  /** Stores the token; the entry may be dropped after `ttlMs`. */
  write(key: string, token: CachedToken, ttlMs: number): Promise<void>;
  /**
   * Deletes the entry only while it still holds `token` (compare-and-delete), so an instance that
   * saw an old token fail cannot throw away the fresh one another instance just stored.
   */
  discard(key: string, token: string): Promise<void>;
  /**
   * Lets one caller at a time fetch a new token: a release function, or undefined while another
   * holder has it. The lock lapses after `ttlMs` in case its holder dies.
   */
  lock(key: string, ttlMs: number): Promise<(() => Promise<void>) | undefined>;
}

/** The in-process cache: shared by the clients given it in one process, lost on restart. */
export function createMemoryTokenCache(clock: Clock): AccessTokenCache {
  const tokens = new Map<string, CachedToken>();
  const locks = new Map<string, { heldUntilMs: number; holder: symbol }>();
  return {
    read: async (key) => tokens.get(key),
    write: async (key, token) => {
      tokens.set(key, token);
    },
    discard: async (key, token) => {
      if (tokens.get(key)?.token === token) tokens.delete(key);
    },
    lock: async (key, ttlMs) => {
      const now = clock.now().getTime();
      const held = locks.get(key);
      if (held && held.heldUntilMs > now) return undefined;
      const holder = Symbol(key);
      locks.set(key, { heldUntilMs: now + ttlMs, holder });
      return async () => {
        if (locks.get(key)?.holder === holder) locks.delete(key);
      };
    },
  };
}
