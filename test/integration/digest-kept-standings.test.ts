import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createChineseDaysCalendar } from "../../src/calendar/chinese-days-calendar.js";
import { DEFAULT_SETTINGS } from "../../src/config/settings.js";
import { indexPeople } from "../../src/directory/people.js";
import type { KeptStandings } from "../../src/reports/digest/collect-digest.js";
import { type ComposeResult, composeDigests } from "../../src/reports/digest/compose-digest.js";
import type { LedgerSources, LedgerStore } from "../../src/reports/ledger/ledger-sources.js";
import { SqliteStore } from "../../src/store/sqlite/sqlite-store.js";
import { recordDigestScenario } from "../helpers/digest-scenario.js";
import { demoDirectory, importSeed } from "../helpers/seed-world.js";
import { makeTempDir } from "../helpers/temp-dir.js";

/**
 * The weekly job hands each composition the standings the previous week's judged at its send
 * instant, so that the office is judged once a week instead of twice. The digests must be the same
 * as when both instants are judged afresh, and kept standings judged from anything else are not used.
 */
const dir = makeTempDir("duban-digest-kept");
let store: SqliteStore;
let reads = 0;
let sources: LedgerSources;
const leaders = demoDirectory.leaders.map((leader) => leader.name);

/** The store, counting the task histories read: one per task for each instant judged. */
function counting(inner: SqliteStore): LedgerStore {
  return {
    registry: inner.registry,
    overrides: inner.overrides,
    requests: inner.requests,
    progress: {
      history: (taskNo, unit) => {
        reads++;
        return inner.progress.history(taskNo, unit);
      },
    },
  };
}

async function compose(week: string, kept?: KeptStandings, over: LedgerSources = sources) {
  reads = 0;
  const result: ComposeResult = await composeDigests(over, { leaders, week }, { textBytes: 2048 }, kept);
  if (result.status !== "composed") throw new Error(result.status);
  return { ...result, reads };
}

beforeAll(async () => {
  store = new SqliteStore({ path: join(dir.path, "duban.sqlite") });
  await importSeed(store);
  await recordDigestScenario(store);
  sources = {
    store: counting(store),
    directory: demoDirectory,
    people: indexPeople(demoDirectory),
    calendar: createChineseDaysCalendar(),
    settings: DEFAULT_SETTINGS,
  };
});

afterAll(async () => {
  await store.close();
  dir.remove();
});

describe("a week's digests from the standings the week before kept", () => {
  it("are the digests judged afresh, judging the office once instead of twice", async () => {
    const previous = await compose("2021-W13");
    const fresh = await compose("2021-W14");
    const reused = await compose("2021-W14", previous.kept);
    expect(reused.digests).toEqual(fresh.digests);
    expect(fresh.digests.some((d) => d.digest.changes.some((c) => c.kind === "light"))).toBe(true);
    expect(reused.reads).toBe(fresh.reads / 2);
  });

  it("are not used when they were judged at another instant, or from other settings", async () => {
    const older = await compose("2021-W12");
    const fresh = await compose("2021-W14");
    expect((await compose("2021-W14", older.kept)).reads).toBe(fresh.reads);
    const previous = await compose("2021-W13");
    const otherSettings = { ...sources, settings: { ...DEFAULT_SETTINGS } };
    const again = await compose("2021-W14", previous.kept, otherSettings);
    expect(again.reads).toBe(fresh.reads);
    expect(again.digests).toEqual(fresh.digests);
  });
});
