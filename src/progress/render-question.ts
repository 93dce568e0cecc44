import { indicatorLabel } from "../registry/indicator-label.js";
import type { Task } from "../registry/registry.js";
import { messages } from "../templates/template-store.js";
import { exampleFor } from "./example-for.js";
import type { ReplyQuestion } from "./parsed-reply.js";

const m = messages("progress");
const CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩";

/** The precise question back for a reply that cannot be recorded as it stands. */
export function renderQuestion(question: ReplyQuestion, task: Pick<Task, "no" | "indicators">): string {
  const base = { taskNo: task.no, example: `${task.no} ${exampleFor(task)}` };
  const labelOf = (text: string) => {
    const indicator = task.indicators.find((i) => i.text === text);
    return indicator ? indicatorLabel(indicator) : text;
  };
  switch (question.code) {
    case "empty":
      return m("questionEmpty", base);
    case "chatter":
      return m("questionChatter", base);
    case "unit-ambiguous":
      return m("questionUnitAmbiguous", {
        ...base,
        written: question.written,
        candidates: question.candidates.map((text, i) => `${CIRCLED[i] ?? ""}${text}`).join(" "),
        hint: `${labelOf(question.candidates[0] ?? "")}${question.written}`,
      });
    case "percent-ambiguous":
      return m("questionPercentAmbiguous", {
        ...base,
        written: question.written,
        label: labelOf(question.indicator),
      });
    case "percent-over":
      return m("questionPercentOver", { ...base, written: question.written });
    case "no-values":
      return m("questionNoValues", {
        ...base,
        labels: question.indicators.map(labelOf).join(m("listSeparator")),
      });
    case "values-conflict":
      return m("questionValuesConflict", {
        ...base,
        label: labelOf(question.indicator),
        written: question.written.join(m("listSeparator")),
      });
  }
}
