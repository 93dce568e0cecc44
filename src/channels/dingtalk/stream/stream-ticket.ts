import { networkInterfaces } from "node:os";
import type { StreamSubscription } from "./stream-frames.js";

export const OPEN_CONNECTION_PATH = "/v1.0/gateway/connections/open";

export interface TicketRequest {
  apiBaseUrl: string;
  clientId: string;
  clientSecret: string;
  ua: string;
  localIp: string;
  subscriptions: readonly StreamSubscription[];
  fetch: typeof fetch;
  timeoutMs: number;
  /** Aborted when the stream closes. */
  signal: AbortSignal;
}

/**
 * "auth": the gateway refused the app's credentials (401/403); "unavailable": anything worth
 * retrying as is (5xx, 429, timeouts, refused connections, answers that are not a ticket).
 * Reasons never quote the secret, the ticket or the answer's body.
 */
export type TicketAnswer =
  | { ok: true; endpoint: string; ticket: string }
  | { ok: false; kind: "auth" | "unavailable"; reason: string };

/**
 * Registers one connection (brief §2.1 step 1). The ticket is single-use and valid about 90 s, so
 * one is fetched for every connect and never kept.
 */
export async function openTicket(request: TicketRequest): Promise<TicketAnswer> {
  const timeout = new AbortController();
  const timer = setTimeout(() => timeout.abort(), request.timeoutMs);
  const signal = AbortSignal.any([request.signal, timeout.signal]);
  try {
    const response = await request.fetch(`${request.apiBaseUrl}${OPEN_CONNECTION_PATH}`, {
      method: "POST",
      // Without Accept the gateway answers XML (a comment in the official Node SDK).
      headers: { "Content-Type": "application/json", Accept: "application/json" },
      body: JSON.stringify({
        clientId: request.clientId,
        clientSecret: request.clientSecret,
        ua: request.ua,
        localIp: request.localIp,
        subscriptions: request.subscriptions,
      }),
      signal,
    });
    const text = await response.text();
    if (response.status === 401 || response.status === 403) {
      return {
        ok: false,
        kind: "auth",
        reason: `connections/open refused the credentials${statusOf(response, text)}`,
      };
    }
    if (!response.ok) {
      return { ok: false, kind: "unavailable", reason: `connections/open failed${statusOf(response, text)}` };
    }
    const ticket = readTicket(text);
    if (!ticket) {
      return {
        ok: false,
        kind: "unavailable",
        reason: "connections/open answered without an endpoint and ticket",
      };
    }
    return { ok: true, ...ticket };
  } catch (error) {
    const why = timeout.signal.aborted ? `no answer within ${request.timeoutMs} ms` : describe(error);
    return { ok: false, kind: "unavailable", reason: `connections/open could not be reached: ${why}` };
  } finally {
    clearTimeout(timer);
  }
}

/** The first non-internal IPv4 address: the gateway logs it to help trace a connection. */
export function firstLanIp(): string {
  for (const addresses of Object.values(networkInterfaces())) {
    for (const address of addresses ?? []) {
      if (address.family === "IPv4" && !address.internal) return address.address;
    }
  }
  return "127.0.0.1";
}

function readTicket(text: string): { endpoint: string; ticket: string } | undefined {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (typeof body !== "object" || body === null) return undefined;
  const { endpoint, ticket } = body as { endpoint?: unknown; ticket?: unknown };
  if (typeof endpoint !== "string" || typeof ticket !== "string" || ticket === "") return undefined;
  if (!/^wss?:\/\//i.test(endpoint) || !URL.canParse(endpoint)) return undefined;
  return { endpoint, ticket };
}

/** " (HTTP 401 authFailed)": the status and the platform's code when it is a plain identifier. */
function statusOf(response: Response, text: string): string {
  let code: unknown;
  try {
    code = (JSON.parse(text) as { code?: unknown }).code;
  } catch {
    code = undefined;
  }
  const platformCode = typeof code === "string" && /^[\w.-]{1,80}$/.test(code) ? ` ${code}` : "";
  return ` (HTTP ${response.status}${platformCode})`;
}

/** "ECONNREFUSED", "TypeError"…: a code or a class name, never a message that may quote the URL. */
function describe(error: unknown): string {
  const cause = (error as { cause?: { code?: unknown } } | undefined)?.cause;
  if (typeof cause?.code === "string") return cause.code;
  if (error instanceof Error) return error.name;
  return "unknown error";
}
