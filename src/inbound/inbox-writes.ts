import type { InboxAcceptOptions, InboxCompletion, InboxEntry, InboxStore } from "../store/inbox-entry.js";

/** What one write came to: its answer, or the error that its part of the batch met. */
type Outcome = { ok: true; value: boolean } | { ok: false; error: unknown };

interface Waiting<T> {
  item: T;
  done(outcome: Outcome): void;
}

/** How the processed marks wait for a commit of receipts to ride with (see createInboxWrites). */
export interface MarkHolding {
  /** Commits of receipts the marks may let pass before they go with the next one. */
  commits: number;
  /** Marks that go with the next commit whatever their wait. */
  batch: number;
}

/**
 * Marks let three commits of receipts pass (each is one event-loop turn's callbacks): measured
 * on SQLite with twelve callbacks a turn, an event's writes cost 28 µs of CPU instead of 36 µs,
 * the answers and audit entries of four turns sharing the pages one commit writes.
 */
export const MARK_HOLDING: MarkHolding = { commits: 3, batch: 64 };

/** Receipts in one commit at most; more are written in the same turn by another. */
const MAX_RECEIPTS = 256;

/**
 * The inbox's writes in as few commits as they allow. The callbacks received in one event-loop
 * turn are stored in one commit before their 200 (they wait for it). The events handled (marked
 * processed, with their audit entries and answers) wait for nobody's answer, so under load their
 * marks let a few commits of receipts pass and then go with one: on SQLite the commit, which
 * writes every page its tables and indexes touched, is the largest cost of a callback, and the
 * outbox's and audit's pages are written once for several turns' answers instead of every turn.
 * When no callback is coming, a mark is written at once, in the turn after it was made: the hold
 * adds no wait to a quiet service, nor to a simulation that handles one event at a time.
 *
 * A failure stays with what caused it: if the shared commit fails, the receipts and the marks are
 * tried again apart, and marks that fail together one by one, so that one event whose answer
 * cannot be written neither refuses the callbacks beside it (a 5xx makes the platform retry) nor
 * holds back the other events (they would wait for the sweep).
 */
export function createInboxWrites(
  inbox: InboxStore,
  options: InboxAcceptOptions,
  holding: MarkHolding = MARK_HOLDING,
) {
  let receipts: Waiting<InboxEntry>[] = [];
  let marks: Waiting<InboxCompletion>[] = [];
  /** Commits of receipts the waiting marks have let pass. */
  let passed = 0;
  let scheduled = false;

  const flush = async (): Promise<void> => {
    scheduled = false;
    const taken = receipts;
    receipts = [];
    const ripe =
      marks.length > 0 && (taken.length === 0 || passed >= holding.commits || marks.length >= holding.batch);
    const riding = ripe ? marks : [];
    if (ripe) {
      marks = [];
      passed = 0;
    } else if (marks.length > 0) {
      passed += 1;
      // Written with the next turn's receipts, or alone in the next turn if none come.
      schedule();
    }
    if (taken.length === 0 && riding.length === 0) return;
    const { accepted, processed } = await settle(
      inbox,
      taken.map((w) => w.item),
      riding.map((w) => w.item),
      options,
    );
    taken.forEach((w, i) => {
      w.done(accepted[i] ?? missing());
    });
    riding.forEach((w, i) => {
      w.done(processed[i] ?? missing());
    });
  };

  function schedule(): void {
    if (scheduled) return;
    scheduled = true;
    setImmediate(() => void flush());
  }

  const wait = <T>(queue: Waiting<T>[], item: T): Promise<boolean> =>
    new Promise<boolean>((resolve, reject) => {
      queue.push({ item, done: (o) => (o.ok ? resolve(o.value) : reject(o.error)) });
    });

  return {
    /** Stores a received event (see InboxStore.accept): true when new. */
    accept(entry: InboxEntry): Promise<boolean> {
      const answer = wait(receipts, entry);
      if (receipts.length >= MAX_RECEIPTS) void flush();
      else schedule();
      return answer;
    },
    /** Marks a handled event processed with its effects (see InboxStore.markProcessed). */
    markProcessed(completion: InboxCompletion): Promise<boolean> {
      const answer = wait(marks, completion);
      schedule();
      return answer;
    },
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
