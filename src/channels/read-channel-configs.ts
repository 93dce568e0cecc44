import type { ChannelPlugin, ConfiguredPlugin } from "./channel-plugin.js";

/**
 * The platforms whose settings are present, in the plugin table's order (the order of
 * preference for reaching a person), each with its settings read once. A platform's wrong
 * settings stop the service with its ConfigError; none at all means the local channel runs, so
 * `npm start` works with no credentials.
 */
export function readChannelConfigs(
  plugins: readonly ChannelPlugin[],
  env: NodeJS.ProcessEnv = process.env,
): ConfiguredPlugin[] {
  return plugins.flatMap((plugin) => {
    const config = plugin.readConfig(env);
    return config === undefined ? [] : [{ plugin, config }];
  });
}
