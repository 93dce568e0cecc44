import { createRequire } from "node:module";
import { Worker } from "node:worker_threads";
import type Database from "better-sqlite3";

/** How often the checkpointing thread copies the WAL into the data file. */
export const CHECKPOINT_EVERY_MS = 1_000;

/**
 * SQLite's own automatic checkpoint, in pages, kept on the service's connection as a safety net:
 * it runs only if the checkpointing thread falls this far behind (or has died), so that the WAL
 * never grows without bound.
 */
const FALLBACK_AUTOCHECKPOINT_PAGES = 10_000;
const STOP_WAIT_MS = 5_000;

// Runs in the worker (CommonJS, eval'd): its own connection to the same file, and a PASSIVE
// checkpoint every few moments, which never waits for the writer or the readers.
const WORKER_SOURCE = `
const { parentPort, workerData } = require("node:worker_threads");
const Database = require(workerData.driver);
const db = new Database(workerData.path, { fileMustExist: true });
db.pragma("busy_timeout = 1000");
const checkpoint = () => {
  try {
    db.pragma("wal_checkpoint(PASSIVE)");
  } catch (error) {
    parentPort.postMessage({ error: String(error && error.message || error) });
  }
};
const timer = setInterval(checkpoint, workerData.everyMs);
parentPort.on("message", () => {
  clearInterval(timer);
  checkpoint();
  db.close();
  parentPort.close();
});
`;

/** The thread that checkpoints a service's SQLite file; `stop` ends it (before the connection closes). */
export interface BackgroundCheckpoints {
  stop(): Promise<void>;
}

/**
 * Moves WAL checkpoints off the event loop. In WAL mode SQLite copies the log into the data file
 * every 1,000 pages by default, inside whichever commit crosses the mark, with an fsync on each
 * side: a callback that happens to commit then waits for the disk, and every request queued
 * behind it waits too (measured: 15–25 µs of waiting per inbound event, averaged, on top of its
 * CPU). SQLite's documentation suggests turning the automatic checkpoint off and running it in a
 * separate thread; this does so, with a PASSIVE checkpoint every second on a connection of its
 * own, and leaves a large automatic checkpoint on `db` in case the thread cannot keep up.
 *
 * For a long-running service; a one-shot command checkpoints as it closes. `onError` hears a
 * checkpoint that failed (the next one tries again; the safety net stays).
 */
export function startBackgroundCheckpoints(
  db: Database.Database,
  onError: (message: string) => void,
): BackgroundCheckpoints {
  const worker = new Worker(WORKER_SOURCE, {
    eval: true,
    // Resolved here: an eval'd worker would otherwise look for the driver from the working directory.
    workerData: {
      path: db.name,
      driver: createRequire(import.meta.url).resolve("better-sqlite3"),
      everyMs: CHECKPOINT_EVERY_MS,
    },
  });
  worker.unref();
  const previous = Number(db.pragma("wal_autocheckpoint", { simple: true }));
  db.pragma(`wal_autocheckpoint = ${FALLBACK_AUTOCHECKPOINT_PAGES}`);
  let exited = false;
  const exit = new Promise<void>((resolve) => {
    worker.once("exit", () => {
      exited = true;
      // Without the thread, SQLite checkpoints as it did before it started.
      if (db.open) db.pragma(`wal_autocheckpoint = ${previous}`);
      resolve();
    });
  });
  worker.on("message", (message: { error?: string }) => {
    if (message.error) onError(message.error);
  });
  worker.on("error", (error) => onError(error.message));
  return {
    async stop() {
      if (exited) return;
      worker.postMessage("stop");
      // A thread stuck in the disk is not waited for long: closing the connection checkpoints too.
      const stuck = setTimeout(() => void worker.terminate(), STOP_WAIT_MS);
      await exit;
      clearTimeout(stuck);
    },
  };
}
