import type Koa from "koa";
import { describe, expect, it } from "vitest";
import type { PeopleIndex, Person } from "../../../../src/directory/people.js";
import { fixedClock } from "../../../../src/shared/clock.js";
import {
  resolveSignedIn,
  revokeSession,
  type SessionDeps,
} from "../../../../src/web/auth/resolve-session.js";
import { newSession, SESSION_COOKIE, sealSession } from "../../../../src/web/auth/session-cookie.js";
import { createWebKeys } from "../../../../src/web/auth/web-keys.js";

const NOW = new Date("2021-03-22T01:00:00Z");
const LEADER: Person = { personId: "wecom:demo.leader01", name: "寇宁", role: "leader", accounts: {} };

/** A counter store over a map, forgetting by `keepUntil` as the real ones do. */
function memoryCounters(): SessionDeps["counters"] {
  const counters = new Map<string, { total: number; keepUntil: number }>();
  const at = (d: Date | string) => new Date(d).getTime();
  return {
    async add(key, by, now, keepUntil) {
      const kept = counters.get(key);
      const total = (kept && kept.keepUntil > at(now) ? kept.total : 0) + by;
      counters.set(key, { total, keepUntil: Math.max(at(keepUntil), kept?.keepUntil ?? 0) });
      return total;
    },
    async read(key, now) {
      const kept = counters.get(key);
      return kept && kept.keepUntil > at(now) ? kept.total : 0;
    },
  };
}

function peopleOf(...people: Person[]): PeopleIndex {
  return {
    byId: (id: string) => people.find((p) => p.personId === id),
    all: () => people,
  } as unknown as PeopleIndex;
}

const request = (cookie?: string) =>
  ({
    state: {},
    cookies: { get: (name: string) => (name === SESSION_COOKIE ? cookie : undefined) },
  }) as unknown as Koa.Context;

describe("resolving the session", () => {
  const keys = createWebKeys("a-resolve-test-secret-of-32-characters");

  it("signs in the cookie's person, as the directory knows them", async () => {
    const deps: SessionDeps = {
      keys,
      counters: memoryCounters(),
      people: () => peopleOf(LEADER),
      clock: fixedClock(NOW),
    };
    const session = newSession(LEADER.personId, NOW);
    const signed = await resolveSignedIn(deps, request(sealSession(keys, session)));
    expect(signed?.viewer).toMatchObject({
      personId: LEADER.personId,
      name: "寇宁",
      roles: ["leader"],
      leaderName: "寇宁",
    });
    expect(await resolveSignedIn(deps, request())).toBeUndefined();
    expect(await resolveSignedIn(deps, request("garbage"))).toBeUndefined();
  });

  it("signs nobody in once the session is revoked, until and after it would have expired", async () => {
    let now = NOW;
    const clock = { now: () => now };
    const deps: SessionDeps = { keys, counters: memoryCounters(), people: () => peopleOf(LEADER), clock };
    const session = newSession(LEADER.personId, NOW);
    const cookie = sealSession(keys, session);
    await revokeSession(deps, session);
    expect(await resolveSignedIn(deps, request(cookie))).toBeUndefined();
    now = new Date(session.expiresAt - 1);
    expect(await resolveSignedIn(deps, request(cookie))).toBeUndefined();
    now = new Date(session.expiresAt);
    expect(await resolveSignedIn(deps, request(cookie))).toBeUndefined();
  });

  it("signs nobody in whom the directory no longer lists", async () => {
    const deps: SessionDeps = {
      keys,
      counters: memoryCounters(),
      people: () => peopleOf(),
      clock: fixedClock(NOW),
    };
    const cookie = sealSession(keys, newSession(LEADER.personId, NOW));
    expect(await resolveSignedIn(deps, request(cookie))).toBeUndefined();
  });
});
