/**
 * Errors that carry a stable code and a message that says what to fix.
 * `expose` marks messages that are safe to show to a user or an HTTP client.
 */
export type ErrorCode =
  | "config_invalid"
  | "input_unreadable"
  | "store_unavailable"
  | "not_found"
  | "bad_request";

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly expose: boolean;

  constructor(code: ErrorCode, message: string, options: { cause?: unknown; expose?: boolean } = {}) {
    super(message, { cause: options.cause });
    this.name = "AppError";
    this.code = code;
    this.expose = options.expose ?? false;
  }
}

/** A configuration file or variable is wrong; the message names the file, the key and the fix. */
export class ConfigError extends AppError {
  constructor(message: string, options: { cause?: unknown } = {}) {
    super("config_invalid", message, options);
    this.name = "ConfigError";
  }
}

/** An input file could not be read at all (missing, empty, unknown format). */
export class InputError extends AppError {
  /**
   * What is wrong, in a word fixed by the reader that throws ("old-office", "pdf-scanned"…), for
   * places that word it their own way (an admin importing in chat, who has no --year to give).
   */
  readonly reason: string | undefined;

  constructor(message: string, options: { cause?: unknown; reason?: string } = {}) {
    super("input_unreadable", message, { cause: options.cause, expose: true });
    this.name = "InputError";
    this.reason = options.reason;
  }
}
