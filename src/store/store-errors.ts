import { AppError } from "../shared/errors.js";

/** The store cannot be reached or opened; the message names the store (never its password) and the fix. */
export class StoreUnavailableError extends AppError {
  constructor(message: string, options: { cause?: unknown } = {}) {
    super("store_unavailable", message, options);
    this.name = "StoreUnavailableError";
  }
}

/** A record the caller named does not exist (an outbox id, a card id, a request id). */
export class RecordNotFoundError extends AppError {
  constructor(message: string) {
    super("not_found", message);
    this.name = "RecordNotFoundError";
  }
}

/** A write conflicts with what is stored: a duplicate id, or a restore into a store that holds data. */
export class StoreConflictError extends AppError {
  constructor(message: string) {
    super("bad_request", message);
    this.name = "StoreConflictError";
  }
}
