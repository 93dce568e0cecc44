import { type Clock, inBusinessTz, systemClock } from "../shared/clock.js";
import { AppError } from "../shared/errors.js";
import { openStore } from "../store/open-store.js";
import type { OutboxMessage, OutboxStatus } from "../store/outbox-message.js";
import type { Store } from "../store/store.js";
import { message } from "../templates/template-store.js";
import { resolveStoreDefaults, type StoreDefaultsOption } from "./store-defaults-option.js";

/** The names people use on the command line for the outbox's statuses that are not final. */
const STATUS_NAMES: Record<string, OutboxStatus> = {
  pending: "pending",
  retrying: "failed",
  sending: "claimed",
  dead: "dead",
};
const LISTED: readonly OutboxStatus[] = ["pending", "failed", "claimed", "dead"];

export interface StoreOptions {
  store?: string;
  dataDir?: string;
}

export type ListOptions = StoreOptions & { status?: string; limit: string; json?: boolean };

/** Opens the store the options name, prints what `run` returns, and closes the store. */
async function withStore(
  defaults: StoreDefaultsOption,
  options: StoreOptions,
  run: (store: Store) => Promise<string>,
): Promise<void> {
  const resolved = await resolveStoreDefaults(defaults);
  const store = await openStore({
    ...resolved,
    ...(options.dataDir !== undefined ? { dataDir: options.dataDir } : {}),
    spec: options.store,
  });
  try {
    process.stdout.write(`${await run(store)}\n`);
  } finally {
    await store.close();
  }
}

/** `duban outbox`: the counts and the messages not yet final (see outbox-command.ts). */
export async function listOutbox(defaults: StoreDefaultsOption, options: ListOptions): Promise<void> {
  await withStore(defaults, options, async (store) => {
    const statuses = options.status === undefined ? LISTED : [statusOf(options.status)];
    const limit = positive(options.limit, "badLimit");
    const counts = await store.outbox.stats();
    const messages: OutboxMessage[] = [];
    for (const status of statuses) messages.push(...(await store.outbox.list({ status, limit })));
    messages.sort((a, b) => a.id - b.id);
    const shown = messages.slice(0, limit);
    if (options.json) return JSON.stringify({ counts, messages: shown.map(toRow) }, null, 2);
    const lines = [message("cli/outbox", "counts", { ...counts, store: store.label })];
    if (shown.length === 0) lines.push(message("cli/outbox", "none"));
    else lines.push(message("cli/outbox", "header"), ...shown.map(toLine));
    if (messages.length > limit) lines.push(message("cli/outbox", "more", { count: limit }));
    return lines.join("\n");
  });
}

/** `duban outbox retry`: makes the messages due again (see outbox-command.ts). */
export async function retryOutbox(
  defaults: StoreDefaultsOption,
  ids: string[],
  options: StoreOptions & { dead?: boolean },
  clock: Clock = systemClock,
): Promise<void> {
  await withStore(defaults, options, (store) => retry(store, ids, options.dead === true, clock));
}

async function retry(store: Store, ids: string[], dead: boolean, clock: Clock): Promise<string> {
  const at = clock.now().toISOString();
  const targets: OutboxMessage[] = [];
  if (ids.length > 0) {
    for (const raw of ids) {
      const id = positive(raw, "badId");
      const found = await store.outbox.get(id);
      if (found === undefined) throw new AppError("not_found", message("cli/outbox", "unknownId", { id }));
      targets.push(found);
    }
  } else {
    targets.push(...(await store.outbox.list({ status: "failed" })));
    if (dead) targets.push(...(await store.outbox.list({ status: "dead" })));
  }
  const lines: string[] = [];
  let requeued = 0;
  let revived = 0;
  for (const target of targets) {
    if (await store.outbox.requeue(target.id, { at, revive: dead })) {
      if (target.status === "dead") revived++;
      else requeued++;
    } else {
      const status = message("cli/outbox", `status${target.status}`);
      lines.push(
        message("cli/outbox", "retryRefused", { id: target.id, status, deadHint: target.status === "dead" }),
      );
    }
  }
  const count = requeued + revived;
  if (count === 0 && ids.length === 0) {
    const deadHint = !dead && (await store.outbox.stats()).dead > 0;
    return [...lines, message("cli/outbox", "retryNone", { deadHint })].join("\n");
  }
  return [...lines, message("cli/outbox", "retryDone", { count, requeued, revived })].join("\n");
}

function statusOf(name: string): OutboxStatus {
  const status = STATUS_NAMES[name];
  if (status === undefined) throw new AppError("bad_request", message("cli/outbox", "badStatus"));
  return status;
}

/** A positive whole number, or an error worded by `problem` (a key in templates/cli/outbox.yaml). */
function positive(raw: string, problem: "badId" | "badLimit"): number {
  const n = Number(raw);
  if (!Number.isInteger(n) || n <= 0)
    throw new AppError("bad_request", message("cli/outbox", problem, { value: raw }));
  return n;
}

function toRow(m: OutboxMessage) {
  return {
    id: m.id,
    recipient: m.recipient,
    channel: m.channel,
    status: m.status,
    attempts: m.attempts,
    dueAt: m.dueAt,
    ...(m.lastError !== undefined ? { lastError: m.lastError } : {}),
  };
}

function toLine(m: OutboxMessage): string {
  const error = (m.lastError ?? "").replace(/\s+/g, " ");
  return message("cli/outbox", "line", {
    id: m.id,
    recipient: m.recipient,
    channel: m.channel,
    status: message("cli/outbox", `status${m.status}`),
    attempts: m.attempts,
    due: inBusinessTz(m.dueAt).format("YYYY-MM-DD HH:mm"),
    error: error.length > 40 ? `${error.slice(0, 40)}…` : error || "—",
  });
}
