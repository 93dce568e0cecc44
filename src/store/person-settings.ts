import { z } from "zod";
import { isoDateSchema, isoInstantSchema } from "./iso-instant.js";

export const personSettingsSchema = z.object({
  /** Reminders wait until this instant (明天再提醒). */
  snoozeUntil: isoInstantSchema.optional(),
  /**
   * Away from this date (/away with a period to come); absent: from whenever `awayUntil` was set.
   * The substitute stands in only from it.
   */
  awayFrom: isoDateSchema.optional(),
  /** Away up to and including this date; the substitute gets the person's reminders meanwhile. */
  awayUntil: isoDateSchema.optional(),
  /** The person id of the substitute. */
  substitute: z.string().min(1).optional(),
});
export type PersonSettings = z.infer<typeof personSettingsSchema>;

/** Per-person settings, keyed by person id. */
export interface PeopleStore {
  get(personId: string): Promise<PersonSettings | undefined>;
  /**
   * Everyone's settings by person id, in one read: for a caller that needs many people's (the
   * reminder sweep reads the whole directory's, several times a day).
   */
  all(): Promise<Map<string, PersonSettings>>;
  /** Replaces the person's settings. */
  put(personId: string, settings: PersonSettings): Promise<void>;
}
