/**
 * The SQLite schema, one entry per version; `PRAGMA user_version` records how many have run.
 * Never edit an entry that has shipped: append a new one.
 *
 * Records are kept whole as JSON; columns exist only for what queries filter or sort on, and
 * instants that are compared are kept as epoch milliseconds (`*_ms`) next to the ISO text.
 */
export const SQLITE_MIGRATIONS: readonly string[] = [
  `
  CREATE TABLE registry_current (id INTEGER PRIMARY KEY CHECK (id = 1), json TEXT NOT NULL);
  CREATE TABLE registry_imports (seq INTEGER PRIMARY KEY AUTOINCREMENT, json TEXT NOT NULL);
  CREATE TABLE registry_tasks (task_no INTEGER PRIMARY KEY, json TEXT NOT NULL);
  CREATE TABLE assignments (
    pos INTEGER PRIMARY KEY, task_no INTEGER NOT NULL, unit TEXT NOT NULL, role TEXT NOT NULL
  );
  CREATE INDEX assignments_by_task ON assignments (task_no, pos);

  CREATE TABLE progress (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    task_no INTEGER NOT NULL, unit TEXT NOT NULL, cycle TEXT NOT NULL, version INTEGER NOT NULL,
    json TEXT NOT NULL,
    UNIQUE (task_no, unit, cycle, version)
  );
  CREATE INDEX progress_by_task ON progress (task_no, id);
  CREATE INDEX progress_by_unit ON progress (task_no, unit, id);

  CREATE TABLE requests (
    seq INTEGER PRIMARY KEY AUTOINCREMENT, id TEXT NOT NULL UNIQUE,
    task_no INTEGER NOT NULL, unit TEXT NOT NULL, status TEXT NOT NULL, json TEXT NOT NULL
  );
  CREATE INDEX requests_by_task ON requests (task_no, seq);

  CREATE TABLE outbox (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    idempotency_key TEXT NOT NULL UNIQUE,
    channel TEXT NOT NULL, recipient TEXT NOT NULL, payload TEXT NOT NULL,
    not_before TEXT NOT NULL, created_at TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('pending', 'claimed', 'failed', 'sent', 'dead')),
    attempts INTEGER NOT NULL DEFAULT 0,
    due_at TEXT NOT NULL, due_ms INTEGER NOT NULL,
    claimed_by TEXT, lease_until TEXT, lease_ms INTEGER,
    last_error TEXT, sent_at TEXT, platform_message_id TEXT,
    -- A message recorded as sent always says where it went: no half-written delivery.
    CHECK (status <> 'sent' OR (platform_message_id IS NOT NULL AND sent_at IS NOT NULL)),
    CHECK (status <> 'claimed' OR (claimed_by IS NOT NULL AND lease_ms IS NOT NULL))
  );
  CREATE INDEX outbox_due ON outbox (status, due_ms, id);
  CREATE INDEX outbox_lease ON outbox (status, lease_ms);

  CREATE TABLE cards (
    card_id TEXT PRIMARY KEY, task_no INTEGER NOT NULL, json TEXT NOT NULL,
    response_code TEXT, response_code_expires_at TEXT, response_code_expires_ms INTEGER
  );
  CREATE INDEX cards_by_task ON cards (task_no);

  CREATE TABLE prompts (
    person_id TEXT NOT NULL, key TEXT NOT NULL, expires_ms INTEGER NOT NULL, json TEXT NOT NULL,
    PRIMARY KEY (person_id, key)
  );
  CREATE TABLE people (person_id TEXT PRIMARY KEY, json TEXT NOT NULL);

  CREATE TABLE audit (
    seq INTEGER PRIMARY KEY AUTOINCREMENT, at_ms INTEGER NOT NULL,
    task_no INTEGER, unit TEXT, person TEXT, json TEXT NOT NULL
  );
  CREATE INDEX audit_by_time ON audit (at_ms, seq);
  CREATE INDEX audit_by_task ON audit (task_no, at_ms, seq);
  CREATE INDEX audit_by_unit ON audit (unit, at_ms, seq);
  CREATE INDEX audit_by_person ON audit (person, at_ms, seq);

  CREATE TABLE claims (key TEXT PRIMARY KEY, expires_ms INTEGER NOT NULL);
  CREATE INDEX claims_by_expiry ON claims (expires_ms);
  CREATE TABLE locks (name TEXT PRIMARY KEY, token TEXT NOT NULL, expires_ms INTEGER NOT NULL);
  `,
  // 2: deferrals apart from attempts (outbox.defer), and the shared sending budgets' slots.
  `
  ALTER TABLE outbox ADD COLUMN deferrals INTEGER NOT NULL DEFAULT 0;

  CREATE TABLE budget_slots (
    seq INTEGER PRIMARY KEY, key TEXT NOT NULL, at_ms INTEGER NOT NULL, expires_ms INTEGER NOT NULL
  );
  CREATE INDEX budget_slots_by_key ON budget_slots (key, at_ms);
  CREATE INDEX budget_slots_by_expiry ON budget_slots (expires_ms);
  `,
  // 3: a channel's outage, shared by every process on the file (delivery/track-outages.ts).
  `
  CREATE TABLE channel_outages (channel TEXT PRIMARY KEY, json TEXT NOT NULL);
  `,
  // 4: retention finds sent messages by when they were sent, and cards by when they were sent,
  // through indexes on those instants as epoch ms (sqlite-retention.ts uses the same expressions).
  `
  CREATE INDEX outbox_sent_ms ON outbox (CAST(round(unixepoch(sent_at, 'subsec') * 1000) AS INTEGER))
    WHERE status = 'sent';
  CREATE INDEX cards_created_ms
    ON cards (CAST(round(unixepoch(json_extract(json, '$.createdAt'), 'subsec') * 1000) AS INTEGER));
  `,
  // 5: the inbox: inbound events stored before the platform's 200, processed from here (store/inbox-entry.ts).
  `
  CREATE TABLE inbox (
    key TEXT PRIMARY KEY, json TEXT NOT NULL,
    received_ms INTEGER NOT NULL, expires_ms INTEGER NOT NULL, processed_ms INTEGER,
    attempts INTEGER NOT NULL, lease_owner TEXT, lease_ms INTEGER
  );
  CREATE INDEX inbox_unprocessed ON inbox (lease_ms) WHERE processed_ms IS NULL;
  CREATE INDEX inbox_processed_expiry ON inbox (expires_ms) WHERE processed_ms IS NOT NULL;
  `,
  // 6: counters shared by every process on the file (a platform's monthly quota; store/counter-store.ts).
  `
  CREATE TABLE counters (key TEXT PRIMARY KEY, total INTEGER NOT NULL, keep_until_ms INTEGER NOT NULL);
  CREATE INDEX counters_by_expiry ON counters (keep_until_ms);
  `,
  // 7: when a worker started sending a claimed message (outbox.markSending), cleared by its outcome.
  `
  ALTER TABLE outbox ADD COLUMN sending_since TEXT;
  `,
  // 8: the office's overrides set in chat: mutes and local calendar days (store/office-override.ts).
  `
  CREATE TABLE overrides (key TEXT PRIMARY KEY, json TEXT NOT NULL);
  `,
  // 9: the audit's task, unit and person indexes hold only the entries that name one (as Redis's
  // do): an entry about no task (a stranger's message, a command) costs one index, not four. A
  // query for a task, unit or person (task_no = ?) implies IS NOT NULL, so SQLite still uses them.
  `
  DROP INDEX audit_by_task;
  DROP INDEX audit_by_unit;
  DROP INDEX audit_by_person;
  CREATE INDEX audit_by_task ON audit (task_no, at_ms, seq) WHERE task_no IS NOT NULL;
  CREATE INDEX audit_by_unit ON audit (unit, at_ms, seq) WHERE unit IS NOT NULL;
  CREATE INDEX audit_by_person ON audit (person, at_ms, seq) WHERE person IS NOT NULL;
  `,
  // 10: the lease index holds only claimed messages, the only ones whose lease is looked up (the
  // claim and the next due time ask for status = 'claimed'): a new message, and each change
  // between the other states, no longer writes it.
  `
  DROP INDEX outbox_lease;
  CREATE INDEX outbox_lease ON outbox (lease_ms) WHERE status = 'claimed';
  `,
];
