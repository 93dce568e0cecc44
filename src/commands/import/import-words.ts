import type { Turn } from "../../conversation/turn.js";
import { describeRefusal, type ImportRefusal } from "../../registry/check-import-safety.js";
import { messages } from "../../templates/template-store.js";
import { type PagedText, pageText } from "../page-text.js";

const m = messages("commands");

/**
 * Why an import needs `/import confirm replace`, in chat words: the CLI's refusals name its
 * `--replace` flag, which a chat has not.
 */
export function describeImportRefusal(refusal: ImportRefusal): string {
  switch (refusal.kind) {
    case "noTasks":
      return describeRefusal(refusal);
    case "removesMany":
      return m("importRemovesMany", { removed: refusal.removed, stored: refusal.stored });
    case "yearChanged":
      return m("importYearChanged", { from: refusal.from, to: refusal.to });
  }
}

/**
 * An import summary within the channel's message size: `head` on every page, the summary's lines
 * as the pager's blocks, `/import 2` for the next page.
 */
export function pendingAnswer(
  turn: Turn,
  answer: { head: string; summary: string },
  page: number,
): PagedText {
  return pageText({
    head: answer.head,
    blocks: answer.summary.split("\n").map((text) => ({ text })),
    page,
    limits: turn.deps.limits,
    command: "/import",
  });
}
