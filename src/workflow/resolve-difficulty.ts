import { plainDate } from "../calendar/format-dates.js";
import type { Turn } from "../conversation/turn.js";
import { assessUnit } from "../lights/assess-unit.js";
import { shortTitle } from "../registry/short-title.js";
import { businessDate } from "../shared/clock.js";
import type { CardInstance } from "../store/card-instance.js";
import { messages } from "../templates/template-store.js";
import { DIFFICULTY_RESOLVED } from "../unit-view/is-report.js";
import { loadUnitView } from "../unit-view/load-unit-view.js";
import type { UnitView } from "../unit-view/unit-view.js";
import { reportsForOffice } from "./reports-for-office.js";
import { resolveTask } from "./resolve-task.js";
import { sendNotice } from "./send-notice.js";

const m = messages("workflow");

/**
 * 已协调解决 on the admins' difficulty card (or the same key clicked by the unit's contact): closes
 * the unit's open difficulty and answers with the light it leaves. Nothing open (another admin was
 * first, or the unit reported it solved) is answered with who closed it and when.
 */
export async function resolveDifficulty(turn: Turn, card: CardInstance): Promise<void> {
  const resolved = await resolveTask(turn, card.taskNo, card.unit);
  if (!resolved) return;
  const { context, unit, view } = resolved;
  const words = { taskNo: context.task.no, shortTitle: shortTitle(context.task), unit };
  if (!view.difficulty) {
    const last = view.records.filter((r) => r.status === DIFFICULTY_RESOLVED).at(-1);
    const closedBy = last && {
      name: turn.deps.people.byId(last.reportedBy)?.name ?? last.reportedBy,
      when: plainDate(businessDate(new Date(last.reportedAt))),
    };
    return turn.answer(m("difficultyNotOpen", { ...words, closedBy }));
  }
  const by = await closeDifficulty(turn, view, "card");
  const after = await loadUnitView(turn.deps.store, context.task, unit, context.assignments);
  const light = assessUnit(after, { date: turn.date, start: context.start, year: context.year }, turn.deps);
  await turn.answer(
    m(by === "office" ? "difficultyResolvedByOffice" : "difficultyResolvedByUnit", {
      ...words,
      note: view.difficulty.note,
      light: light.text,
    }),
  );
}

/**
 * Closes the unit's open difficulty: a `difficulty-resolved` record after it (not a report: the
 * ladder and the lights' dates ignore it) and `difficulty.resolved` in the audit log with who and
 * when. When the office closes it the unit's contacts are told; when the unit does, the admins.
 */
export async function closeDifficulty(
  turn: Turn,
  view: UnitView,
  source: "card" | "text",
): Promise<"office" | "unit"> {
  const { store, people } = turn.deps;
  const difficulty = view.difficulty;
  if (!difficulty) throw new Error("closeDifficulty: the unit has no open difficulty");
  const { task, unit } = view;
  const by = reportsForOffice(turn, unit) ? "office" : "unit";
  const record = await store.progress.append({
    taskNo: task.no,
    unit,
    cycle: difficulty.cycle,
    reportedBy: turn.person.personId,
    reportedAt: turn.at,
    status: DIFFICULTY_RESOLVED,
    values: [],
    note: "",
    source,
    ...(by === "office" ? { proxy: true as const } : {}),
  });
  await store.audit.append({
    at: turn.at,
    actor: turn.person.personId,
    action: "difficulty.resolved",
    taskNo: task.no,
    unit,
    details: {
      by,
      cycle: difficulty.cycle,
      version: record.version,
      raised: { version: difficulty.version, at: difficulty.reportedAt, by: difficulty.reportedBy },
      note: difficulty.note,
      source,
      event: turn.event.eventId,
    },
  });
  const words = {
    taskNo: task.no,
    shortTitle: shortTitle(task),
    unit,
    note: difficulty.note,
    name: turn.person.name,
  };
  const key = `difficulty-resolved/${task.no}/${unit}/${difficulty.cycle}/v${difficulty.version}`;
  const meta = { kind: "difficulty-resolved", task: task.no, unit };
  if (by === "office")
    await sendNotice(turn, people.ofUnit(unit, "contact"), {
      key,
      text: m("noticeDifficultyResolved", words),
      meta,
    });
  else await sendNotice(turn, people.admins(), { key, text: m("noticeDifficultySolvedByUnit", words), meta });
  return by;
}
