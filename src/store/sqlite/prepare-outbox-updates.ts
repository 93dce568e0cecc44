import type Database from "better-sqlite3";

const RELEASE = "claimed_by = NULL, lease_until = NULL, lease_ms = NULL";
/** A recorded outcome: the started send, if any, is no longer in doubt. */
const SETTLED = "sending_since = NULL";
/** The claim `@worker` holds; with a NULL worker, any claim (markFailed's and markDead's old callers). */
const HELD = "status = 'claimed' AND (@worker IS NULL OR claimed_by = @worker)";

/**
 * The outbox's state changes after a claim, one conditional UPDATE each: the condition is the
 * state the change applies to, so a refused change touches nothing and reports 0 rows.
 */
export function prepareOutboxUpdates(db: Database.Database) {
  return {
    sending: db.prepare(
      `UPDATE outbox SET sending_since = @at WHERE id = @id AND status = 'claimed' AND claimed_by = @worker`,
    ),
    sent: db.prepare(
      `UPDATE outbox SET status = 'sent', sent_at = @at, platform_message_id = @platformMessageId,
         ${RELEASE}, ${SETTLED}
       WHERE id = @id AND status <> 'sent'`,
    ),
    failed: db.prepare(
      `UPDATE outbox SET status = 'failed', last_error = @error, due_at = @retryAt, due_ms = @dueMs,
         ${RELEASE}, ${SETTLED}
       WHERE id = @id AND ${HELD}`,
    ),
    // The claim is handed back, so it does not count as an attempt.
    deferred: db.prepare(
      `UPDATE outbox SET status = 'pending', last_error = @reason, due_at = @until, due_ms = @dueMs,
         attempts = max(attempts - 1, 0), deferrals = deferrals + 1, ${RELEASE},
         sending_since = CASE WHEN @answered THEN NULL ELSE sending_since END
       WHERE id = @id AND status = 'claimed' AND claimed_by = @worker`,
    ),
    // Without a worker, any message not final (an admin's decision); with one, only its claim.
    dead: db.prepare(
      `UPDATE outbox SET status = 'dead', last_error = @error, ${RELEASE}, ${SETTLED}
       WHERE id = @id AND status NOT IN ('sent', 'dead') AND (@worker IS NULL OR (${HELD}))`,
    ),
    // An operator's retry: a waiting message is due again at once, its attempts kept …
    requeued: db.prepare(
      `UPDATE outbox SET due_at = @at, due_ms = @dueMs WHERE id = @id AND status IN ('pending', 'failed')`,
    ),
    // … and a dead one starts over, as if just enqueued at @at (its last error stays, for the record).
    revived: db.prepare(
      `UPDATE outbox SET status = 'pending', attempts = 0, deferrals = 0, not_before = @at, due_at = @at,
         due_ms = @dueMs, ${SETTLED}
       WHERE id = @id AND status = 'dead'`,
    ),
  };
}
