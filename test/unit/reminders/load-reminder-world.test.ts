import { afterAll, describe, expect, it } from "vitest";
import { createChineseDaysCalendar } from "../../../src/calendar/chinese-days-calendar.js";
import { CHANNEL_PLUGINS } from "../../../src/channels/plugins.js";
import { DEFAULT_SETTINGS } from "../../../src/config/settings.js";
import { parseDirectory } from "../../../src/directory/load-directory.js";
import { loadReminderWorld, type WorldSources } from "../../../src/reminders/load-reminder-world.js";
import type { Store } from "../../../src/store/store.js";
import { demoDirectory, importSeed, openSeededStore } from "../../helpers/seed-world.js";
import { makeTempDir } from "../../helpers/temp-dir.js";

const HR = "区人力资源和社会保障局";
const dir = makeTempDir("duban-world");
afterAll(() => dir.remove());

let stores = 0;
const seededStore = () => openSeededStore(dir.path, `w${stores++}.sqlite`);

function sourcesOver(store: Store): WorldSources {
  return {
    store,
    directory: demoDirectory,
    settings: DEFAULT_SETTINGS,
    calendar: createChineseDaysCalendar(),
    channels: ["local"],
    accountOrder: CHANNEL_PLUGINS.map((plugin) => plugin.name),
  };
}

describe("the reminder world, handed out again while nothing it reads has changed", () => {
  it("is the same world on an unchanged store, and a new one after each kind of change the ladder reads", async () => {
    const store = await seededStore();
    const sources = sourcesOver(store);
    const first = await loadReminderWorld(sources);
    expect(first).toBeDefined();
    expect(await loadReminderWorld(sources)).toBe(first);
    // Writes the ladder does not read leave the world as it was.
    await store.audit.append({
      at: "2021-03-22T01:00:00.000Z",
      actor: "system",
      action: "test",
      details: {},
    });
    expect(await loadReminderWorld(sources)).toBe(first);

    const changes: [string, () => Promise<unknown>][] = [
      [
        "a report",
        () =>
          store.progress.append({
            taskNo: 52,
            unit: HR,
            cycle: "2021-03",
            reportedBy: "wecom:demo.u06.contact",
            reportedAt: "2021-03-24T02:00:00.000Z",
            status: "on-track",
            values: [],
            note: "",
            source: "text",
          }),
      ],
      [
        "a completion request",
        () =>
          store.requests.create({
            id: "c1",
            kind: "completion",
            taskNo: 52,
            unit: HR,
            requestedBy: "wecom:demo.u06.contact",
            requestedAt: "2021-03-24T03:00:00.000Z",
          }),
      ],
      [
        "its approval",
        () =>
          store.requests.decide("c1", {
            decision: "approved",
            decidedBy: "wecom:demo.admin1",
            decidedAt: "2021-03-24T04:00:00.000Z",
          }),
      ],
      [
        "a mute",
        () =>
          store.overrides.put({
            kind: "mute-task",
            taskNo: 12,
            setBy: "wecom:demo.admin1",
            setAt: "2021-03-24T05:00:00.000Z",
          }),
      ],
      [
        "a snooze",
        () => store.people.put("wecom:demo.u06.contact", { snoozeUntil: "2021-03-25T01:00:00.000Z" }),
      ],
      ["a new import", () => importSeed(store)],
    ];
    let last = first;
    for (const [what, change] of changes) {
      await change();
      const world = await loadReminderWorld(sources);
      expect(world, what).not.toBe(last);
      expect(await loadReminderWorld(sources), `${what}, read again`).toBe(world);
      last = world;
    }
    // The change shows in the new world, not only in its identity.
    expect(last?.closed(52, HR)).toBe(true);
    expect(last?.muted(12, "区发展和改革局")).toBe(true);
    await store.close();
  });

  it("is built afresh for an edited directory, and not shared between sets of sources", async () => {
    const store = await seededStore();
    const sources = sourcesOver(store);
    const world = await loadReminderWorld(sources);
    const edited = parseDirectory(JSON.stringify(demoDirectory), "edited.json");
    expect(await loadReminderWorld({ ...sources, directory: edited })).not.toBe(world);
    expect(await loadReminderWorld(sourcesOver(store))).not.toBe(world);
    await store.close();
  });
});
