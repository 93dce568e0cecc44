import { loadConfig } from "../config/load-config.js";
import type { StoreDefaults } from "../store/open-store.js";

/** The configured store, read from the environment only when a command runs. */
export function storeDefaults(): StoreDefaults {
  const config = loadConfig();
  return {
    dataDir: config.DUBAN_DATA_DIR,
    redisKeyPrefix: config.REDIS_KEY_PREFIX,
    ...(config.REDIS_URL ? { redisUrl: config.REDIS_URL } : {}),
  };
}
