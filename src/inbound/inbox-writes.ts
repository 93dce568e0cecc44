import type { InboxAcceptOptions, InboxCompletion, InboxEntry, InboxStore } from "../store/inbox-entry.js";
import { batchByTurn } from "./inbox-batch.js";

type Write = { accept: InboxEntry } | { processed: InboxCompletion };

/** What one write came to: its answer, or the error that its part of the batch met. */
type Outcome = { ok: true; value: boolean } | { ok: false; error: unknown };

/**
 * The inbox's writes of one event-loop turn in one commit: the callbacks just received (which
 * wait for it before their 200) and the events just handled (marked processed, with their audit
 * entries and answers). Under load both come in every turn, and on SQLite the commit is the
 * largest cost of a callback. A failure stays with what caused it: if the shared commit fails,
 * the receipts and the marks are tried again apart, and marks that fail together one by one, so
 * that one event whose answer cannot be written neither refuses the callbacks beside it (a 5xx
 * makes the platform retry) nor holds back the other events (they would wait for the sweep).
 */
export function createInboxWrites(inbox: InboxStore, options: InboxAcceptOptions) {
  const write = batchByTurn<Write, Outcome>(async (writes) => {
    const accepts: InboxEntry[] = [];
    const marks: InboxCompletion[] = [];
    for (const one of writes) {
      if ("accept" in one) accepts.push(one.accept);
      else marks.push(one.processed);
    }
    const { accepted, processed } = await settle(inbox, accepts, marks, options);
    let a = 0;
    let m = 0;
    return writes.map((one) => ("accept" in one ? accepted[a++] : processed[m++]) ?? missing());
  });
  const run = async (one: Write): Promise<boolean> => {
    const done = await write(one);
    if (!done.ok) throw done.error;
    return done.value;
  };
  return {
    /** Stores a received event (see InboxStore.accept): true when new. */
    accept: (entry: InboxEntry) => run({ accept: entry }),
    /** Marks a handled event processed with its effects (see InboxStore.markProcessed). */
    markProcessed: (completion: InboxCompletion) => run({ processed: completion }),
  };
}

async function settle(
  inbox: InboxStore,
  accepts: InboxEntry[],
  marks: InboxCompletion[],
  options: InboxAcceptOptions,
): Promise<{ accepted: Outcome[]; processed: Outcome[] }> {
  if (accepts.length > 0 && marks.length > 0) {
    try {
      const both = await inbox.acceptAndMark(accepts, marks, options);
      return { accepted: both.accepted.map(ok), processed: both.processed.map(ok) };
    } catch {
      // Tried again apart, below: the error belongs to one of them, or to the store.
    }
  }
  const accepted =
    accepts.length === 0 ? [] : await each(accepts.length, () => inbox.accept(accepts, options));
  const processed: Outcome[] = [];
  if (marks.length > 0) {
    const together = await each(marks.length, () => inbox.markProcessed(marks, options.worker));
    if (marks.length === 1 || together.every((outcome) => outcome.ok)) processed.push(...together);
    else
      for (const mark of marks)
        processed.push(...(await each(1, () => inbox.markProcessed([mark], options.worker))));
  }
  return { accepted, processed };
}

/** One call's answers as outcomes, or its error for each of its `count` items. */
async function each(count: number, call: () => Promise<boolean[]>): Promise<Outcome[]> {
  try {
    const answers = await call();
    if (answers.length !== count) throw new Error(`the inbox answered ${answers.length} of ${count} items`);
    return answers.map(ok);
  } catch (error) {
    return Array.from({ length: count }, (): Outcome => ({ ok: false, error }));
  }
}

const ok = (value: boolean): Outcome => ({ ok: true, value });

function missing(): Outcome {
  return { ok: false, error: new Error("the inbox gave no answer for a write") };
}
