import type { Turn } from "../conversation/turn.js";
import { loadReminderWorld } from "../reminders/load-reminder-world.js";
import type { ReminderWorld } from "../reminders/plan-reminders.js";

/** The reminder ladder's world as the sweep loads it, for the office's commands (/plan, /remind). */
export function loadLadder(turn: Turn): Promise<ReminderWorld | undefined> {
  const { store, directory, settings, calendar, channels, accountOrder, limits } = turn.deps;
  return loadReminderWorld({ store, directory, settings, calendar, channels, accountOrder, limits });
}
