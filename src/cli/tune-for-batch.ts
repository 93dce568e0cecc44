import { setFlagsFromString } from "node:v8";

/**
 * How much bytecode a function runs before V8 considers optimising it with TurboFan, for a command
 * that ends: 8 × the default of Node 20's V8 (67,584).
 */
export const BATCH_INTERRUPT_BUDGET = 8 * 67_584;

/**
 * Tunes V8 for a one-shot batch command (`duban simulate`): a function is optimised only after 8
 * times the work it takes by default. In a simulated year V8 optimised some 430 functions by
 * default (--trace-opt), on background threads that cost about 2 s of CPU beside the main
 * thread's 3 s, without making the main thread measurably faster; with this budget it optimised
 * some 150, those threads took about 0.7 s, and the main thread no longer than before. (At 16 ×
 * the main thread got slower: code that runs often enough to pay for its optimisation waited too
 * long.) The JVM's short-lived tools do the same (-XX:TieredStopAtLevel=1).
 *
 * Only for commands that end: `duban serve` keeps V8's default, whose optimised code pays for
 * itself over a long run. V8 reads the budget whenever it sets a function's counter, so the call
 * counts for the code loaded and run after it. On a V8 that no longer knows the flag it prints a
 * warning and changes nothing (test/unit/cli/tune-for-batch.test.ts fails then).
 */
export function tuneForBatch(): void {
  setFlagsFromString(`--interrupt-budget=${BATCH_INTERRUPT_BUDGET}`);
}
