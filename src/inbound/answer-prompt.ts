import type { Turn } from "../conversation/turn.js";
import { recordDifficulty } from "../progress/record-difficulty.js";
import { replyWithProgress } from "../progress/reply-with-progress.js";
import type { Prompt } from "../store/prompt.js";
import { returnRequest } from "../workflow/return-request.js";
import { submitExtension } from "../workflow/submit-extension.js";

/** A reply to a question the bot asked (open-prompt.ts), by what the question was for. */
export async function answerPrompt(turn: Turn, prompt: Prompt, text: string): Promise<void> {
  switch (prompt.kind) {
    case "difficulty":
      return recordDifficulty(turn, prompt, text);
    case "extension":
      return submitExtension(turn, prompt, text);
    case "return-reason":
      return returnRequest(turn, prompt, text);
    default:
      // progress-text, and any kind a newer version left behind: the text is a progress reply.
      return replyWithProgress(turn, prompt.taskNo, text, {
        ...(prompt.unit ? { unit: prompt.unit } : {}),
        ...(prompt.cycle ? { cycle: prompt.cycle } : {}),
      });
  }
}
