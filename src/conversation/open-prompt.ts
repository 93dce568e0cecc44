import type { Prompt } from "../store/prompt.js";
import type { Turn } from "./turn.js";
import { validFor } from "./valid-for.js";

/** What a prompt waits for; `answerPrompt` (src/inbound) routes the answer by it. */
export type PromptKind = "difficulty" | "progress-text" | "extension" | "return-reason";

/**
 * Opens a prompt for the person: one per kind and task (asking again replaces it), expiring after
 * `settings.progress.promptTtlMinutes`. Returns the validity in words for the question.
 */
export async function openPrompt(
  turn: Turn,
  prompt: {
    kind: PromptKind;
    taskNo: number;
    unit?: string;
    cycle?: string;
    data?: Record<string, unknown>;
    /** Tells prompts of one kind and task apart (an admin returning two units' requests). */
    keySuffix?: string;
  },
): Promise<string> {
  const minutes = turn.deps.settings.progress.promptTtlMinutes;
  const stored: Prompt = {
    key: [prompt.kind, prompt.taskNo, ...(prompt.keySuffix ? [prompt.keySuffix] : [])].join(":"),
    kind: prompt.kind,
    taskNo: prompt.taskNo,
    ...(prompt.unit ? { unit: prompt.unit } : {}),
    ...(prompt.cycle ? { cycle: prompt.cycle } : {}),
    createdAt: turn.at,
    expiresAt: new Date(Date.parse(turn.at) + minutes * 60_000).toISOString(),
    ...(prompt.data ? { data: prompt.data } : {}),
  };
  await turn.deps.store.prompts.set(turn.person.personId, stored);
  return validFor(minutes);
}
