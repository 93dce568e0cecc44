import { dateWithWeekday } from "../calendar/format-dates.js";
import type { Turn } from "../conversation/turn.js";
import type { CardInstance } from "../store/card-instance.js";
import { message } from "../templates/template-store.js";

/**
 * 明天再提醒: no reminder for the person until the next working day's first sending time. The
 * ladder defers its steps (never the due date) and the snooze counts as seen.
 */
export async function snoozeReminders(turn: Turn, card: CardInstance | undefined): Promise<void> {
  const { store, calendar, settings } = turn.deps;
  const date = calendar.nextWorkingDay(turn.date);
  const time = settings.reminders.hours.sendFrom;
  const until = `${date}T${time}:00+08:00`;
  const current = (await store.people.get(turn.person.personId)) ?? {};
  await store.people.put(turn.person.personId, { ...current, snoozeUntil: until });
  await store.audit.append({
    at: turn.at,
    actor: turn.person.personId,
    action: "reminder.snoozed",
    ...(card ? { taskNo: card.taskNo, unit: card.unit } : {}),
    details: { until, cardId: turn.event.kind === "card-action" ? turn.event.cardId : "" },
  });
  await turn.answer(message("progress", "snoozed", { until: `${dateWithWeekday(date)}${time}` }));
}
