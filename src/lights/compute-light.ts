import { cycleInWords } from "../calendar/format-dates.js";
import type { LightSettings } from "../config/light-settings.js";
import { messages } from "../templates/template-store.js";
import type { Light, LightColor, LightInput } from "./light.js";

const m = messages("lights");
const RANK: Record<LightColor, number> = { green: 0, yellow: 1, red: 2 };
/** A difficulty note is quoted on the light only so far, to keep the line short. */
const NOTE_CHARS = 20;

/**
 * Green, yellow or red from dates and pace together (issue 5, §6), with every reason of the
 * winning colour:
 * - red: a report overdue by more than `overdueRedDays` working days; the deadline passed without
 *   completion; a measure behind 序时进度 by more than `behindRedPoints`;
 * - yellow: overdue by fewer days; the last report came late (caught up); behind by more than
 *   `behindYellowPoints`; an "at most" indicator above its limit; a difficulty reported; the
 *   deadline passed with a completion request still undecided;
 * - green otherwise. Co-units are judged on their reports only: pace and deadline are the host's.
 */
export function computeLight(input: LightInput, settings: LightSettings): Light {
  if (input.completed) return light("green", [m("completed")]);
  const found: { color: LightColor; reason: string }[] = [];
  const add = (color: LightColor, reason: string) => found.push({ color, reason });

  const { lastDue } = input;
  if (lastDue && lastDue.reportedOn === undefined && input.overdueDays > 0)
    add(
      input.overdueDays > settings.overdueRedDays ? "red" : "yellow",
      m("overdue", { days: input.overdueDays }),
    );
  else if (lastDue?.reportedOn && lastDue.reportedOn > lastDue.due)
    add("yellow", m("reportedLate", { cycle: cycleInWords(lastDue.cycle) }));

  if (input.role === "host") {
    if (input.pastDeadlineDays > 0)
      if (input.completionPending) add("yellow", m("completionPending"));
      else add("red", m("deadlinePassed", { days: input.pastDeadlineDays }));
    for (const measure of input.measures) {
      const points = input.pace - measure.share;
      if (points <= settings.behindYellowPoints) continue;
      const view = { label: measure.label, share: round(measure.share), points: round(points) };
      add(points > settings.behindRedPoints ? "red" : "yellow", m("behind", view));
    }
    for (const over of input.exceeded) add("yellow", m("exceeded", over));
  }
  if (input.difficulty !== undefined)
    add(
      "yellow",
      m(input.difficultyByOffice ? "difficultyByOffice" : "difficulty", { note: shorten(input.difficulty) }),
    );

  const worst = found.reduce<LightColor>((c, f) => (RANK[f.color] > RANK[c] ? f.color : c), "green");
  if (worst === "green") return light("green", [m(lastDue ? "onTrack" : "nothingDue")]);
  return light(
    worst,
    found.filter((f) => f.color === worst).map((f) => f.reason),
  );
}

function light(color: LightColor, reasons: string[]): Light {
  return { color, reasons, text: m("light", { color: m(color), reasons: reasons.join(m("separator")) }) };
}

/** One decimal at most: 70, 22.4. */
function round(n: number): number {
  return Math.round(n * 10) / 10;
}

function shorten(note: string): string {
  return note.length > NOTE_CHARS ? `${note.slice(0, NOTE_CHARS - 1)}…` : note;
}
