import { cardButton } from "../cards/card-actions.js";
import type { Card } from "../channels/message.js";
import type { Turn } from "../conversation/turn.js";
import type { Person } from "../directory/people.js";
import { shortTitle } from "../registry/short-title.js";
import type { ProgressReport } from "../store/progress-report.js";
import { messages } from "../templates/template-store.js";
import { shortDate } from "../unit-view/short-date.js";
import type { UnitView } from "../unit-view/unit-view.js";
import { sendAdminCards } from "./send-admin-cards.js";
import { sendNotice } from "./send-notice.js";

const m = messages("workflow");

/**
 * 有困难 reaches the office: each admin gets a card with the unit's text and 已协调解决, recorded
 * like any card so that the click finds the task and unit; with `progress.difficultyToLeaders`
 * the task's lead leaders get the text too. Logged as `difficulty.raised`. Keyed by the report's
 * cycle and version, so a handler that runs again sends nothing twice.
 */
export async function raiseDifficulty(turn: Turn, view: UnitView, report: ProgressReport): Promise<void> {
  const { store, people, settings } = turn.deps;
  const { task } = view;
  const reporter = people.byId(report.reportedBy)?.name ?? report.reportedBy;
  const words = {
    taskNo: task.no,
    shortTitle: shortTitle(task),
    unit: view.unit,
    note: report.note,
    reporter,
    proxy: report.proxy === true,
    date: shortDate(report.reportedAt),
  };
  const key = `difficulty/${task.no}/${view.unit}/${report.cycle}/v${report.version}`;
  const card: Card = {
    title: m("difficultyCardTitle", words),
    description: m("difficultyCardDesc", words),
    fields: [
      { label: m("fieldReporter"), value: m("reporterValue", words) },
      { label: m("fieldDifficulty"), value: report.note },
    ],
    buttons: [cardButton("resolve-difficulty", { style: "primary" })],
  };
  await sendAdminCards(turn, {
    key,
    card,
    about: { taskNo: task.no, unit: view.unit, cycle: report.cycle },
    meta: { kind: "difficulty", task: task.no, unit: view.unit, cycle: report.cycle },
  });
  const leaders = settings.progress.difficultyToLeaders
    ? task.leaders.flatMap((name) => {
        const leader = people.leader(name);
        return leader ? [leader] : [];
      })
    : [];
  const leadersTold = await sendNotice(turn, leaders as Person[], {
    key: `${key}/leader`,
    text: m("difficultyToLeader", words),
    meta: { kind: "difficulty", task: task.no, unit: view.unit },
  });
  await store.audit.append({
    at: turn.at,
    actor: turn.person.personId,
    action: "difficulty.raised",
    taskNo: task.no,
    unit: view.unit,
    details: {
      cycle: report.cycle,
      version: report.version,
      note: report.note,
      ...(report.proxy ? { proxy: true } : {}),
      admins: people.admins().map((a) => a.personId),
      leaders: leaders.map((l) => l.personId),
      leadersTold,
      event: turn.event.eventId,
    },
  });
}
