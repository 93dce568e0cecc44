import WebSocket, { type RawData } from "ws";

/** What a link reports to the stream that owns it. Every hook is called synchronously. */
export interface LinkHooks {
  /** The handshake completed; called before any frame of this link is reported. */
  onOpen(link: StreamLink): void;
  onText(link: StreamLink, text: string): void;
  /** No frame of any kind for `watchdogMs` since the last one (or since the open). */
  onSilence(link: StreamLink): void;
  /** The socket closed after it had opened, whoever closed it. */
  onClose(link: StreamLink, detail: string): void;
}

export interface LinkOptions {
  id: number;
  /** The endpoint with its ticket: never logged. */
  url: string;
  handshakeTimeoutMs: number;
  watchdogMs: number;
  /** Aborting it ends a handshake in progress (the stream is closing). */
  signal: AbortSignal;
  nowMs: () => number;
  hooks: LinkHooks;
}

/** How long a retired link's clean close may take before the connection is dropped. */
const RETIRE_GRACE_MS = 1_000;

/** One WebSocket to the gateway, from its handshake to its close. */
export interface StreamLink {
  readonly id: number;
  /** Resolves when the handshake completed; rejects with a reason safe to log when it failed. */
  readonly opened: Promise<void>;
  /** Resolves once the socket is closed, whoever closed it. */
  readonly closed: Promise<void>;
  openedAtMs(): number | undefined;
  /** Sends if the socket is open; false if it is not (an ack lost so: the gateway delivers again). */
  send(text: string): boolean;
  /** A handler in progress for a frame of this link; a retired link waits for it before closing. */
  track(work: Promise<void>): void;
  /** Replaced by a newer link: closes as soon as no tracked handler is pending, at the latest after `drainMs`. */
  retire(drainMs: number): void;
  /** Closes cleanly, or drops the connection if the close handshake takes longer than `graceMs`. */
  shut(graceMs: number): Promise<void>;
  /** Drops the connection at once. */
  terminate(): void;
}

export function openLink(options: LinkOptions): StreamLink {
  const { hooks, signal } = options;
  // perMessageDeflate off: the frames are small, and inflate would add buffers and work per frame.
  const ws = new WebSocket(options.url, {
    handshakeTimeout: options.handshakeTimeoutMs,
    perMessageDeflate: false,
    followRedirects: false,
  });
  let openedAt: number | undefined;
  let failure: string | undefined;
  let pending = 0;
  let retired = false;
  let watchdog: NodeJS.Timeout | undefined;
  let drainTimer: NodeJS.Timeout | undefined;
  let graceTimer: NodeJS.Timeout | undefined;
  let markOpened!: () => void;
  let failOpen!: (error: Error) => void;
  let markClosed!: () => void;
  const opened = new Promise<void>((resolve, reject) => {
    markOpened = resolve;
    failOpen = reject;
  });
  // The stream awaits `opened` only while connecting; a rejection after that is nobody's business.
  opened.catch(() => {});
  const closed = new Promise<void>((resolve) => {
    markClosed = resolve;
  });

  const abortHandshake = () => {
    if (ws.readyState === WebSocket.CONNECTING) ws.terminate();
  };
  if (signal.aborted) abortHandshake();
  else signal.addEventListener("abort", abortHandshake, { once: true });

  const stopWatchdog = () => {
    clearTimeout(watchdog);
    watchdog = undefined;
  };
  const clearTimers = () => {
    stopWatchdog();
    clearTimeout(drainTimer);
    clearTimeout(graceTimer);
    drainTimer = graceTimer = undefined;
  };

  const link: StreamLink = {
    id: options.id,
    opened,
    closed,
    openedAtMs: () => openedAt,
    send(text) {
      if (ws.readyState !== WebSocket.OPEN) return false;
      // A failed write also closes the socket, which the close hook reports.
      ws.send(text, () => {});
      return true;
    },
    track(work) {
      pending += 1;
      void work.finally(() => {
        pending -= 1;
        if (retired && pending === 0) void link.shut(RETIRE_GRACE_MS);
      });
    },
    retire(drainMs) {
      retired = true;
      stopWatchdog();
      if (pending === 0) void link.shut(RETIRE_GRACE_MS);
      else drainTimer ??= setTimeout(() => void link.shut(RETIRE_GRACE_MS), drainMs);
    },
    shut(graceMs) {
      stopWatchdog();
      clearTimeout(drainTimer);
      if (ws.readyState === WebSocket.CLOSED) return closed;
      if (ws.readyState === WebSocket.CONNECTING) {
        ws.terminate();
        return closed;
      }
      if (ws.readyState === WebSocket.OPEN) ws.close(1000, "client closing");
      graceTimer ??= setTimeout(() => ws.terminate(), graceMs);
      return closed;
    },
    terminate: () => ws.terminate(),
  };

  ws.once("open", () => {
    signal.removeEventListener("abort", abortHandshake);
    openedAt = options.nowMs();
    watchdog = setTimeout(() => hooks.onSilence(link), options.watchdogMs);
    hooks.onOpen(link);
    markOpened();
  });
  ws.on("message", (data: RawData) => {
    watchdog?.refresh();
    hooks.onText(link, textOf(data));
  });
  // ws follows every 'error' with a 'close'; the error only names the cause.
  ws.on("error", (error: Error) => {
    failure ??= error.message;
  });
  ws.once("close", (code: number, reason: Buffer) => {
    signal.removeEventListener("abort", abortHandshake);
    clearTimers();
    if (openedAt === undefined) {
      failOpen(new Error(`WebSocket handshake failed: ${failure ?? `closed with code ${code}`}`));
    } else {
      const why = reason.length > 0 ? `, ${reason.toString("utf8").slice(0, 120)}` : "";
      hooks.onClose(link, `connection closed (code ${code}${why})`);
    }
    markClosed();
  });
  return link;
}

function textOf(data: RawData): string {
  if (Array.isArray(data)) return Buffer.concat(data).toString("utf8");
  if (data instanceof ArrayBuffer) return Buffer.from(data).toString("utf8");
  return data.toString("utf8");
}
