import { compareText } from "./compare-text.js";
import type { Prompt } from "./prompt.js";
import { toEpochMs } from "./to-epoch-ms.js";

/** The prompts still open at `nowMs`, oldest first (then by key): the one order both stores return. */
export function selectActivePrompts(prompts: Prompt[], nowMs: number): Prompt[] {
  const ms = (iso: string) => toEpochMs(iso, "prompt");
  return prompts
    .filter((p) => ms(p.expiresAt) > nowMs)
    .sort((a, b) => ms(a.createdAt) - ms(b.createdAt) || compareText(a.key, b.key));
}
