import type { Redis } from "ioredis";
import { type ChannelOutage, channelOutageSchema, type OutageStore } from "../channel-outage.js";
import { toEpochMs } from "../to-epoch-ms.js";
import { validateInput } from "../validate-input.js";
import type { RedisKeys } from "./redis-keys.js";
import { RedisScript } from "./redis-script.js";

// KEYS: the outages hash. ARGV: channel, since, at. Sets noticedAt once, for the outage from `since`.
const MARK_NOTICED = new RedisScript(`
local json = redis.call('HGET', KEYS[1], ARGV[1])
if not json then return 0 end
local outage = cjson.decode(json)
if outage.since ~= ARGV[2] or outage.noticedAt then return 0 end
outage.noticedAt = ARGV[3]
redis.call('HSET', KEYS[1], ARGV[1], cjson.encode(outage))
return 1
`);

// KEYS: the outages hash. ARGV: channel. Removes the outage and returns it, for one caller only.
const CLOSE = new RedisScript(`
local json = redis.call('HGET', KEYS[1], ARGV[1])
if json then redis.call('HDEL', KEYS[1], ARGV[1]) end
return json
`);

/** Channels in an outage: one hash, channel → JSON; every change is atomic on the server. */
export class RedisOutages implements OutageStore {
  constructor(
    private readonly redis: Redis,
    private readonly keys: RedisKeys,
  ) {}

  private get hash(): string {
    return this.keys.key("outages");
  }

  async open(outage: { channel: string; since: string; detail: string }): Promise<ChannelOutage> {
    const valid = validateInput(channelOutageSchema, outage, "outages.open");
    await this.redis.hsetnx(this.hash, valid.channel, JSON.stringify(valid));
    return (await this.get(valid.channel)) ?? valid;
  }

  async markNoticed(channel: string, since: string, at: string): Promise<boolean> {
    toEpochMs(at, "outages.markNoticed at");
    return (await MARK_NOTICED.run(this.redis, [this.hash], [channel, since, at])) === 1;
  }

  async close(channel: string): Promise<ChannelOutage | undefined> {
    const json = (await CLOSE.run(this.redis, [this.hash], [channel])) as string | null;
    return json === null ? undefined : (JSON.parse(json) as ChannelOutage);
  }

  async get(channel: string): Promise<ChannelOutage | undefined> {
    const json = await this.redis.hget(this.hash, channel);
    return json === null ? undefined : (JSON.parse(json) as ChannelOutage);
  }
}
