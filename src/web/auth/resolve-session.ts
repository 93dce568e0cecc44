import type Koa from "koa";
import type { PeopleIndex } from "../../directory/people.js";
import type { Clock } from "../../shared/clock.js";
import type { CounterStore } from "../../store/counter-store.js";
import { type Viewer, viewerFor } from "../viewer.js";
import { openSession, SESSION_COOKIE, type WebSession } from "./session-cookie.js";
import type { WebKeys } from "./web-keys.js";

export interface SessionDeps {
  keys: WebKeys;
  counters: Pick<CounterStore, "add" | "read">;
  /** The live directory's people: someone it no longer lists is signed out at once. */
  people: () => PeopleIndex;
  clock: Clock;
}

/** The store counter that marks a session as ended by its owner (logout). */
export const revokedKey = (sessionId: string): string => `web-revoked:${sessionId}`;

export interface SignedIn {
  session: WebSession;
  viewer: Viewer;
}

const RESOLVED = Symbol("duban-web-session");

/**
 * Who the request's session cookie signs in, read once per request: the signature holds, it has
 * not expired on the service's clock, its owner did not log out of it, and the directory still
 * lists them. Anything else is nobody.
 */
export function resolveSignedIn(deps: SessionDeps, ctx: Koa.Context): Promise<SignedIn | undefined> {
  const state = ctx.state as { [RESOLVED]?: Promise<SignedIn | undefined> };
  state[RESOLVED] ??= read(deps, ctx.cookies.get(SESSION_COOKIE));
  return state[RESOLVED];
}

async function read(deps: SessionDeps, cookie: string | undefined): Promise<SignedIn | undefined> {
  if (!cookie) return undefined;
  const now = deps.clock.now();
  const session = openSession(deps.keys, cookie, now);
  if (!session) return undefined;
  if ((await deps.counters.read(revokedKey(session.sessionId), now)) > 0) return undefined;
  const viewer = viewerFor(deps.people(), session.personId);
  return viewer ? { session, viewer } : undefined;
}

/** Ends a session for every instance, until it would have expired anyway. */
export async function revokeSession(deps: SessionDeps, session: WebSession): Promise<void> {
  await deps.counters.add(revokedKey(session.sessionId), 1, deps.clock.now(), new Date(session.expiresAt));
}
