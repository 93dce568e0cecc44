import type { StoreDefaults } from "../store/open-store.js";

/**
 * The configured store as a command receives it: the values themselves (tests), or a function
 * called only when the command runs, so that the configuration is read (and its modules loaded)
 * by the command that needs it, not by `duban --help`.
 */
export type StoreDefaultsOption = StoreDefaults | (() => StoreDefaults | Promise<StoreDefaults>);

export async function resolveStoreDefaults(defaults: StoreDefaultsOption): Promise<StoreDefaults> {
  return typeof defaults === "function" ? await defaults() : defaults;
}
