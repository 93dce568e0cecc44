import type { SqliteSynchronous } from "./sqlite/open-sqlite-database.js";

/** Which store to open, as `--store` names it. */
export type StoreSpec =
  | { kind: "sqlite"; path: string; synchronous?: SqliteSynchronous }
  | { kind: "redis"; url: string };
