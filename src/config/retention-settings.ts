import { z } from "zod";

const days = (max: number, fallback: number) => z.number().int().min(1).max(max).default(fallback);

/**
 * How long records are kept: the `retention` section of the settings file. The daily retention
 * job removes what is older; `duban backup` first keeps a copy (docs/storage.md).
 */
export const retentionSettingsSchema = z.strictObject({
  /** Days a sent message is kept after it was sent (what was sent to whom, for questions). */
  sentMessagesDays: days(3_660, 90),
  /** Days a message that could not be delivered is kept after it was last due (`duban outbox` lists it). */
  deadMessagesDays: days(3_660, 90),
  /** Days an audit entry is kept: offices keep supervision records (全程留痕) for years; 3 by default. */
  auditDays: days(36_600, 1_096),
  /** Days a sent card is kept after it was sent: a click on it is traced back to its task until then. */
  cardsDays: days(3_660, 120),
  /** Days a question the bot asked is kept after it expired (it is not answered any more). */
  promptsDays: days(3_660, 7),
  /** Records removed per transaction: small enough not to hold the store for long. */
  batchSize: z.number().int().min(10).max(10_000).default(500),
  /** Batches per kind of record in one run; what is left waits for the next day. */
  maxBatchesPerRun: z.number().int().min(1).max(100_000).default(200),
});
export type RetentionSettings = z.output<typeof retentionSettingsSchema>;
export const DEFAULT_RETENTION_SETTINGS: RetentionSettings = retentionSettingsSchema.parse({});
