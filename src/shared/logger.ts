import pino from "pino";

/**
 * The service's structured logger, on pino: one JSON line per record on stderr,
 * `{"level":"info","time":"<ISO>",<bindings>,<fields>,"msg":"…"}`, the level as its word and the
 * fields flat. Values under keys that look secret are replaced before anything is written.
 */
export type LogLevel = "debug" | "info" | "warn" | "error";

export interface Logger {
  debug(msg: string, fields?: Record<string, unknown>): void;
  info(msg: string, fields?: Record<string, unknown>): void;
  warn(msg: string, fields?: Record<string, unknown>): void;
  error(msg: string, fields?: Record<string, unknown>): void;
  child(bindings: Record<string, unknown>): Logger;
}

const SECRET_KEY = /secret|token|aes|password|passwd|encodingaeskey|signature|authorization/i;

export function redact(value: unknown, depth = 0): unknown {
  if (depth > 6 || value === null || typeof value !== "object") return value;
  if (value instanceof Error) return { name: value.name, message: value.message };
  // JSON.stringify would call toJSON, but redact copies entries first and a Date has none ("{}").
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? "Invalid Date" : value.toISOString();
  if (Array.isArray(value)) return value.map((v) => redact(v, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) {
    out[key] = SECRET_KEY.test(key) ? "[redacted]" : redact(v, depth + 1);
  }
  return out;
}

export interface LoggerOptions {
  level?: LogLevel | "silent";
  /** Receives each record as one JSON line without its newline, instead of stderr (tests). */
  write?: (line: string) => void;
  bindings?: Record<string, unknown>;
}

const redactFields = (fields: Record<string, unknown>) => redact(fields) as Record<string, unknown>;

export function createLogger(options: LoggerOptions = {}): Logger {
  const root = pino(
    {
      level: options.level ?? "info",
      // No pid and hostname: a record holds what the caller logged and its bindings.
      base: null,
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: {
        level: (label) => ({ level: label }),
        // Once per record, over the caller's fields only: the bindings were redacted (and turned
        // into JSON) once, when their child logger was made.
        log: redactFields,
      },
      // pino's own `err` serializer would turn the {name, message} redact leaves into its richer
      // shape (type, stack); the record keeps what redact made of it.
      serializers: { err: (value: unknown) => value },
    },
    destination(options),
  );
  return wrap(options.bindings ? root.child(redactFields(options.bindings)) : root);
}

/**
 * Synchronous writes to fd 2: a record is on its way to the reader before the call returns, so
 * nothing logged is lost when the process exits or is killed, and a slow reader slows the
 * service down instead of growing a buffer in memory.
 */
function destination(options: LoggerOptions): pino.DestinationStream {
  const write = options.write;
  if (write) return { write: (record: string) => write(record.slice(0, -1)) };
  if (options.level === "silent") return { write: () => {} };
  return pino.destination({ dest: 2, sync: true });
}

function wrap(logger: pino.Logger): Logger {
  return {
    debug: (msg, fields) => (fields ? logger.debug(fields, msg) : logger.debug(msg)),
    info: (msg, fields) => (fields ? logger.info(fields, msg) : logger.info(msg)),
    warn: (msg, fields) => (fields ? logger.warn(fields, msg) : logger.warn(msg)),
    error: (msg, fields) => (fields ? logger.error(fields, msg) : logger.error(msg)),
    // Copied now: the bindings are those of the moment the child is made.
    child: (bindings) => new LazyChild(logger, { ...bindings }),
  };
}

/**
 * A child logger made when it first writes a record: every inbound event gets one (its channel,
 * event and person), most of which log nothing at the level in force, and making a pino child
 * (its bindings redacted and turned into JSON) cost more than the rest of a stranger's event.
 * A child of a child, until then, is one child of the parent with both bindings. A class, not an
 * object of closures: one small object per event instead of six functions.
 */
class LazyChild implements Logger {
  private made: Logger | undefined;

  constructor(
    private readonly parent: pino.Logger,
    private readonly bindings: Record<string, unknown>,
  ) {}

  debug(msg: string, fields?: Record<string, unknown>): void {
    this.write("debug", msg, fields);
  }

  info(msg: string, fields?: Record<string, unknown>): void {
    this.write("info", msg, fields);
  }

  warn(msg: string, fields?: Record<string, unknown>): void {
    this.write("warn", msg, fields);
  }

  error(msg: string, fields?: Record<string, unknown>): void {
    this.write("error", msg, fields);
  }

  child(more: Record<string, unknown>): Logger {
    return this.made ? this.made.child(more) : new LazyChild(this.parent, { ...this.bindings, ...more });
  }

  private write(level: LogLevel, msg: string, fields: Record<string, unknown> | undefined): void {
    if (!this.made && !this.parent.isLevelEnabled(level)) return;
    // pino applies no formatter to a child's bindings: they are redacted here, once.
    this.made ??= wrap(this.parent.child(redactFields(this.bindings)));
    this.made[level](msg, fields);
  }
}

/** A logger that drops everything; for CLI commands that print their own output. */
export const silentLogger: Logger = createLogger({ level: "silent" });
