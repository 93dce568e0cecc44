import type Database from "better-sqlite3";
import { type ChannelOutage, channelOutageSchema, type OutageStore } from "../channel-outage.js";
import { toEpochMs } from "../to-epoch-ms.js";
import { validateInput } from "../validate-input.js";

/** One row per channel in an outage; each change is one statement, so processes never race. */
export class SqliteOutages implements OutageStore {
  private readonly insert: Database.Statement;
  private readonly select: Database.Statement;
  private readonly noticed: Database.Statement;
  private readonly remove: Database.Statement;

  constructor(db: Database.Database) {
    this.insert = db.prepare(
      "INSERT INTO channel_outages (channel, json) VALUES (?, ?) ON CONFLICT (channel) DO NOTHING",
    );
    this.select = db.prepare("SELECT json FROM channel_outages WHERE channel = ?").pluck();
    this.noticed = db.prepare(
      `UPDATE channel_outages SET json = json_set(json, '$.noticedAt', @at)
       WHERE channel = @channel AND json_extract(json, '$.since') = @since
         AND json_extract(json, '$.noticedAt') IS NULL`,
    );
    this.remove = db.prepare("DELETE FROM channel_outages WHERE channel = ? RETURNING json").pluck();
  }

  async open(outage: { channel: string; since: string; detail: string }): Promise<ChannelOutage> {
    const valid = validateInput(channelOutageSchema, outage, "outages.open");
    this.insert.run(valid.channel, JSON.stringify(valid));
    return (await this.get(valid.channel)) ?? valid;
  }

  async markNoticed(channel: string, since: string, at: string): Promise<boolean> {
    toEpochMs(at, "outages.markNoticed at");
    return this.noticed.run({ channel, since, at }).changes === 1;
  }

  async close(channel: string): Promise<ChannelOutage | undefined> {
    const json = this.remove.get(channel) as string | undefined;
    return json === undefined ? undefined : (JSON.parse(json) as ChannelOutage);
  }

  async get(channel: string): Promise<ChannelOutage | undefined> {
    const json = this.select.get(channel) as string | undefined;
    return json === undefined ? undefined : (JSON.parse(json) as ChannelOutage);
  }
}
