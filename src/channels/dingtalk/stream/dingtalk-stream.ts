import { type Clock, systemClock } from "../../../shared/clock.js";
import type { Logger } from "../../../shared/logger.js";
import { backoffDelayMs } from "./stream-backoff.js";
import {
  ackText,
  DEFAULT_SUBSCRIPTIONS,
  type Downstream,
  defaultAckData,
  type FrameAck,
  parseDownstream,
  pongText,
  type StreamFrame,
  type StreamSubscription,
} from "./stream-frames.js";
import { openLink, type StreamLink } from "./stream-link.js";
import { firstLanIp, openTicket } from "./stream-ticket.js";

export interface DingtalkStreamOptions {
  /** Without a trailing slash: https://api.dingtalk.com, https://api.dingtalk.io, or a local fake. */
  apiBaseUrl: string;
  clientId: string;
  clientSecret: string;
  /** Sent to the gateway to name the client, e.g. "duban/0.1". */
  ua?: string;
  logger: Logger;
  fetch?: typeof fetch;
  /** Default: all events, robot messages, card callbacks. */
  subscriptions?: readonly StreamSubscription[];
  /**
   * Stores the frame and answers quickly: the ack goes out as soon as this resolves, and the
   * gateway delivers again what is not acked in time. A rejection counts as "retry-later".
   */
  onFrame(frame: StreamFrame): Promise<FrameAck>;
  /** No frame of any kind (pings included) for this long → the connection is dropped and replaced. */
  watchdogMs?: number;
  backoffBaseMs?: number;
  backoffCapMs?: number;
  random?: () => number;
  /** A connection that stayed up this long resets the back-off (one that drops at once does not). */
  stableAfterMs?: number;
  /** For connections/open and for the WebSocket handshake, each. */
  openTimeoutMs?: number;
  /** A replaced connection closes once its handlers answered, at the latest after this long. */
  drainMs?: number;
  clock?: Clock;
}

/** For /healthz. Times are ISO 8601; nothing here is secret. */
export interface StreamState {
  /** "closed" also before start(). During a rotation (disconnect) "connecting" until the new one is up. */
  status: "connecting" | "connected" | "backing-off" | "closed";
  /** When the current connection opened. */
  connectedSince?: string;
  /** The last frame of any kind, on any connection. */
  lastFrameAt?: string;
  /** Connections opened after the first one (rotations included). */
  reconnects: number;
  lastError?: string;
  /** While backing off: when the next connect starts. */
  nextAttemptAt?: string;
}

export interface DingtalkStream {
  /** Connects, and keeps a connection until close(). A second call does nothing. */
  start(): void;
  /** Stops connecting, closes every connection, leaves no timer. Frames arriving meanwhile are not handed over. */
  close(): Promise<void>;
  state(): StreamState;
}

type Timing = "watchdogMs" | "backoffBaseMs" | "backoffCapMs" | "stableAfterMs" | "openTimeoutMs" | "drainMs";

export const STREAM_DEFAULTS: Readonly<Record<Timing, number>> = {
  watchdogMs: 75_000,
  backoffBaseMs: 1_000,
  backoffCapMs: 60_000,
  stableAfterMs: 60_000,
  openTimeoutMs: 10_000,
  drainMs: 5_000,
};

/** How long close() waits for a clean WebSocket close before dropping the connection. */
const CLOSE_GRACE_MS = 1_000;

/**
 * DingTalk Stream mode (brief §2) on `ws`: a fresh ticket for every connect; every push acked as
 * soon as the handler stored it, duplicates included; pings echoed; on `disconnect` the next
 * connection opened before the old one is let go; a watchdog for sockets that stay up but
 * deliver nothing; exponential back-off with full jitter; never two connects at once.
 */
export function createDingtalkStream(options: DingtalkStreamOptions): DingtalkStream {
  const settings = { ...STREAM_DEFAULTS, ...definedOnly(options) };
  const clock = options.clock ?? systemClock;
  const random = options.random ?? Math.random;
  const logger = options.logger;
  const nowMs = () => clock.now().getTime();
  const iso = (ms: number) => new Date(ms).toISOString();
  const localIp = firstLanIp();
  const closing = new AbortController();

  let started = false;
  let stopped = false;
  let stopping: Promise<void> | undefined;
  /** The connection pushes are expected on. */
  let live: StreamLink | undefined;
  /** Told to disconnect, or replaced: still read until they close. */
  const retiring = new Set<StreamLink>();
  /** The single connect in progress (ticket + handshake). */
  let connecting: Promise<void> | undefined;
  let retryTimer: NodeJS.Timeout | undefined;
  let nextAttemptAtMs: number | undefined;
  let failuresInARow = 0;
  let authErrorLogged = false;
  let linksOpened = 0;
  let nextLinkId = 1;
  let lastFrameAtMs: number | undefined;
  let lastError: string | undefined;
  const silenced = new WeakSet<StreamLink>();

  function connectNow(): void {
    if (stopped || connecting || live) return;
    clearRetry();
    connecting = attempt().then((failure) => {
      connecting = undefined;
      if (failure) failed(failure);
    });
  }

  /** One connect; resolves with what went wrong, or undefined once the link is open (and adopted). */
  async function attempt(): Promise<{ kind: "auth" | "unavailable"; reason: string } | undefined> {
    const ticket = await openTicket({
      apiBaseUrl: options.apiBaseUrl,
      clientId: options.clientId,
      clientSecret: options.clientSecret,
      ua: options.ua ?? "duban-dingtalk-stream/1.0",
      localIp,
      subscriptions: options.subscriptions ?? DEFAULT_SUBSCRIPTIONS,
      fetch: options.fetch ?? fetch,
      timeoutMs: settings.openTimeoutMs,
      signal: closing.signal,
    });
    if (stopped) return undefined;
    if (!ticket.ok) return ticket;
    const url = new URL(ticket.endpoint);
    url.searchParams.set("ticket", ticket.ticket);
    let link: StreamLink;
    try {
      link = openLink({
        id: nextLinkId++,
        url: url.toString(),
        handshakeTimeoutMs: settings.openTimeoutMs,
        watchdogMs: settings.watchdogMs,
        signal: closing.signal,
        nowMs,
        hooks: { onOpen: adopt, onText: received, onSilence: silent, onClose: linkClosed },
      });
    } catch {
      // ws rejects some URLs synchronously, quoting them, and this one carries the ticket.
      return { kind: "unavailable", reason: "connections/open answered an endpoint ws cannot connect to" };
    }
    try {
      await link.opened;
      return undefined;
    } catch (error) {
      return { kind: "unavailable", reason: (error as Error).message };
    }
  }

  function adopt(link: StreamLink): void {
    if (stopped) {
      void link.shut(CLOSE_GRACE_MS);
      return;
    }
    live = link;
    linksOpened += 1;
    authErrorLogged = false;
    logger.info("DingTalk Stream connected", {
      connection: link.id,
      reconnects: Math.max(linksOpened - 1, 0),
      ...(failuresInARow > 0 ? { afterFailures: failuresInARow } : {}),
    });
    // The old connections were kept reading until now; they close once their acks are out.
    for (const old of retiring) old.retire(settings.drainMs);
  }

  function failed(failure: { kind: "auth" | "unavailable"; reason: string }): void {
    if (stopped) return;
    failuresInARow += 1;
    lastError = failure.reason;
    const retryInMs = scheduleRetry();
    if (failure.kind === "auth") {
      if (!authErrorLogged) {
        authErrorLogged = true;
        logger.error(
          "DingTalk refused the app's credentials for Stream mode. Fix: check DINGTALK_CLIENT_ID and DINGTALK_CLIENT_SECRET (the app's Client ID and Client Secret); retrying with back-off",
          { reason: failure.reason, retryInMs },
        );
      } else logger.debug("DingTalk Stream credentials still refused", { failuresInARow, retryInMs });
      return;
    }
    logger.warn("DingTalk Stream connect failed; retrying with back-off", {
      reason: failure.reason,
      failuresInARow,
      retryInMs,
    });
  }

  /** Arms the one retry timer (never a second); returns its delay. */
  function scheduleRetry(): number | undefined {
    if (stopped || retryTimer || connecting || live) return undefined;
    const delay = backoffDelayMs(Math.max(failuresInARow, 1), {
      baseMs: settings.backoffBaseMs,
      capMs: settings.backoffCapMs,
      random,
    });
    nextAttemptAtMs = nowMs() + delay;
    retryTimer = setTimeout(() => {
      retryTimer = undefined;
      nextAttemptAtMs = undefined;
      connectNow();
    }, delay);
    return delay;
  }

  function clearRetry(): void {
    clearTimeout(retryTimer);
    retryTimer = undefined;
    nextAttemptAtMs = undefined;
  }

  function linkClosed(link: StreamLink, detail: string): void {
    retiring.delete(link);
    if (link !== live) {
      // A retired link: its replacement is open, connecting, or waiting for its retry.
      if (!live) scheduleRetry();
      return;
    }
    live = undefined;
    if (stopped) return;
    const openedAt = link.openedAtMs() ?? nowMs();
    if (nowMs() - openedAt >= settings.stableAfterMs) failuresInARow = 0;
    failuresInARow += 1;
    lastError = silenced.has(link) ? `no frame for ${settings.watchdogMs} ms (watchdog)` : detail;
    const retryInMs = scheduleRetry();
    logger.warn("DingTalk Stream connection lost; reconnecting", {
      connection: link.id,
      reason: lastError,
      failuresInARow,
      retryInMs,
    });
  }

  function silent(link: StreamLink): void {
    silenced.add(link);
    logger.warn("DingTalk Stream connection silent; dropping it", {
      connection: link.id,
      watchdogMs: settings.watchdogMs,
    });
    link.terminate();
  }

  function received(link: StreamLink, text: string): void {
    lastFrameAtMs = nowMs();
    // After close() nothing is handed over: unacked, it goes to another connection or comes again.
    if (stopped) return;
    const parsed = parseDownstream(text);
    if (!parsed.ok) {
      logger.warn("DingTalk Stream frame ignored: malformed", {
        connection: link.id,
        reason: parsed.reason,
        length: text.length,
        ...(parsed.messageId ? { messageId: parsed.messageId } : {}),
      });
      return;
    }
    const down = parsed.value;
    if (down.kind === "system") system(link, down);
    else link.track(deliver(link, down.frame));
  }

  function system(link: StreamLink, frame: Extract<Downstream, { kind: "system" }>): void {
    if (frame.topic === "ping") {
      link.send(pongText(frame));
      return;
    }
    if (frame.topic === "disconnect") {
      // Acked: the gateway sends an unacked disconnect again (Go SDK). No reply is documented.
      if (frame.messageId) link.send(ackText(frame.messageId, {}));
      logger.info("DingTalk Stream connection to be rotated; opening the next one first", {
        connection: link.id,
      });
      rotate(link);
      return;
    }
    logger.debug("DingTalk Stream system frame ignored", { connection: link.id, topic: frame.topic });
  }

  /** The gateway will close `link` in about 10 s: connect now, keep reading it meanwhile. */
  function rotate(link: StreamLink): void {
    if (link === live) live = undefined;
    retiring.add(link);
    connectNow();
  }

  /** Never rejects: a failing handler means the frame stays unacked and is delivered again. */
  async function deliver(link: StreamLink, frame: StreamFrame): Promise<void> {
    const where = { connection: link.id, topic: frame.topic, messageId: frame.messageId };
    let answer: FrameAck;
    try {
      answer = await options.onFrame(frame);
    } catch (error) {
      logger.warn("DingTalk Stream frame not stored; left unacked for redelivery", { ...where, error });
      return;
    }
    if (answer?.status !== "ok") {
      logger.info("DingTalk Stream frame left unacked for redelivery (retry-later)", where);
      return;
    }
    let text: string;
    try {
      text = ackText(frame.messageId, answer.data ?? defaultAckData(frame));
    } catch (error) {
      // The frame is stored: acking it with the default beats a redelivery.
      logger.error("DingTalk Stream ack data cannot be serialised; acking with the default", {
        ...where,
        error,
      });
      text = ackText(frame.messageId, defaultAckData(frame));
    }
    if (!link.send(text)) {
      logger.warn("DingTalk Stream ack not sent: connection already closed; expect a redelivery", where);
    }
  }

  async function stop(): Promise<void> {
    stopped = true;
    closing.abort();
    clearRetry();
    await connecting;
    const links = [...(live ? [live] : []), ...retiring];
    live = undefined;
    retiring.clear();
    await Promise.all(links.map((link) => link.shut(CLOSE_GRACE_MS)));
    logger.info("DingTalk Stream closed");
  }

  return {
    start() {
      if (stopped) throw new Error("This DingTalk stream was closed; create a new one");
      if (started) return;
      started = true;
      connectNow();
    },
    close() {
      stopping ??= stop();
      return stopping;
    },
    state() {
      const status =
        stopped || !started ? "closed" : live ? "connected" : retryTimer ? "backing-off" : "connecting";
      const openedAt = live?.openedAtMs();
      return {
        status,
        ...(openedAt !== undefined ? { connectedSince: iso(openedAt) } : {}),
        ...(lastFrameAtMs !== undefined ? { lastFrameAt: iso(lastFrameAtMs) } : {}),
        reconnects: Math.max(linksOpened - 1, 0),
        ...(lastError !== undefined ? { lastError } : {}),
        ...(nextAttemptAtMs !== undefined && status === "backing-off"
          ? { nextAttemptAt: iso(nextAttemptAtMs) }
          : {}),
      };
    },
  };
}

/** The timing options that were given, so that an explicit undefined keeps the default. */
function definedOnly(options: DingtalkStreamOptions): Partial<Record<Timing, number>> {
  const out: Partial<Record<Timing, number>> = {};
  for (const key of Object.keys(STREAM_DEFAULTS) as Timing[]) {
    const value = options[key];
    if (value !== undefined) out[key] = value;
  }
  return out;
}
