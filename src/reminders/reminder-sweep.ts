import type { WorkCalendar } from "../calendar/work-calendar.js";
import { cardIdFor } from "../cards/card-id.js";
import type { OutboxPayload } from "../delivery/outbox-payload.js";
import type { Job, JobReport } from "../scheduler/job.js";
import { businessDate } from "../shared/clock.js";
import type { Store } from "../store/store.js";
import { loadCardFacts } from "./load-card-facts.js";
import type { PlannedReminder, ReminderWorld } from "./plan-reminders.js";
import { planRemindersFor } from "./plan-reminders.js";
import { renderReminder } from "./render-reminder.js";

export interface ReminderSweepDeps {
  store: Store;
  /** Reads the registry, directory and store state afresh for every run. */
  loadWorld(): Promise<ReminderWorld | undefined>;
  /** Days off are skipped before anything is read. */
  calendar: Pick<WorkCalendar, "isWorkingDay">;
  /** When the sweep runs (Asia/Shanghai); it is idempotent, so re-runs only catch changes. */
  cron?: string;
}

/**
 * The job that decides what is due today and puts it in the outbox. Each message's idempotency
 * key is task/unit/cycle/step/recipient, so a sweep that runs twice, or on two instances at once,
 * enqueues each message once; the dispatcher sends it at its planned time.
 */
export function createReminderSweepJob(deps: ReminderSweepDeps): Job {
  return {
    name: "reminder-sweep",
    cron: deps.cron ?? "7 8,10,12,14,16 * * *",
    async run(now): Promise<JobReport> {
      const date = businessDate(now);
      if (!deps.calendar.isWorkingDay(date)) return { date, skipped: "day off" };
      const world = await deps.loadWorld();
      if (!world) return { skipped: "no registry" };
      const planned = planRemindersFor(world, date);
      let enqueued = 0;
      for (const reminder of planned) {
        if (await enqueueReminder(deps.store, world, reminder, now)) enqueued++;
      }
      return { date, planned: planned.length, enqueued };
    },
  };
}

async function enqueueReminder(
  store: Store,
  world: ReminderWorld,
  r: PlannedReminder,
  now: Date,
): Promise<boolean> {
  const isCard = r.items === undefined;
  const cardId = isCard ? cardIdFor(r.idempotencyKey) : undefined;
  // Already enqueued by an earlier sweep (the sweep runs five times a day): skip the reads and the
  // rendering. A card is known by its record, a digest by its key in the outbox.
  if (cardId ? await store.cards.get(cardId) : await store.outbox.findByKey(r.idempotencyKey)) return false;
  const task = world.tasks.get(r.taskNo);
  const facts =
    isCard && task
      ? await loadCardFacts(
          store,
          task,
          r.unit,
          world.assignments.filter((a) => a.taskNo === r.taskNo),
        )
      : undefined;
  const message = renderReminder(
    r,
    {
      tasks: world.tasks,
      calendar: world.calendar,
      people: world.people,
      hostUnitsOf: (no) =>
        world.assignments.filter((a) => a.taskNo === no && a.role === "host").map((a) => a.unit),
      coInputDue: world.settings.ladder.coInputDue,
      acknowledged: (no, unit) => world.reported(no, unit, ""),
      limits: world.limits,
    },
    facts,
  );
  const payload: OutboxPayload = {
    message,
    ...(cardId ? { cardId } : {}),
    meta: { task: r.taskNo, unit: r.unit, cycle: r.cycle, step: r.step },
  };
  const { created } = await store.outbox.enqueue({
    idempotencyKey: r.idempotencyKey,
    channel: r.channel,
    recipient: r.recipient.personId,
    payload,
    notBefore: r.at,
    createdAt: now.toISOString(),
  });
  if (!created) return false;
  if (cardId) {
    await store.cards.put({
      cardId,
      channel: r.channel,
      taskNo: r.taskNo,
      unit: r.unit,
      cycle: r.cycle,
      recipient: r.recipient.personId,
      createdAt: now.toISOString(),
    });
  }
  // One entry per unit the message is about, so each unit's record shows every reminder it got.
  for (const item of r.items ?? [r]) {
    await store.audit.append({
      at: now.toISOString(),
      actor: "system",
      action: "reminder.enqueued",
      taskNo: item.taskNo,
      unit: item.unit,
      person: r.recipient.personId,
      details: {
        step: r.step,
        cycle: item.cycle,
        due: item.due,
        at: r.at,
        channel: r.channel,
        key: r.idempotencyKey,
      },
    });
  }
  return true;
}
