/**
 * Issue 4's figures: the sweep that decides what is due, for 10,000 tasks × 5 units (target
 * < 200 ms and < 200 MB), and `duban simulate` over the seed's whole year (target < 10 s).
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createChineseDaysCalendar } from "../src/calendar/chinese-days-calendar.js";
import { loadConfig } from "../src/config/load-config.js";
import { DEFAULT_SETTINGS } from "../src/config/settings.js";
import { directorySchema } from "../src/directory/directory.js";
import { indexPeople } from "../src/directory/people.js";
import type { Assignment } from "../src/registry/compute-assignments.js";
import type { Task } from "../src/registry/registry.js";
import { planRemindersFor, type ReminderWorld } from "../src/reminders/plan-reminders.js";
import { createLogger } from "../src/shared/logger.js";
import { runSimulation } from "../src/simulate/run-simulation.js";
import { SqliteStore } from "../src/store/sqlite/sqlite-store.js";
import { importSeed } from "../test/helpers/seed-world.js";
import type { BenchResult } from "./run.js";

const TASKS = 10_000;
const UNITS_PER_TASK = 5;
const UNIT_POOL = 2_000;

export default async function run(): Promise<BenchResult[]> {
  return [...sweep(), await simulateYear()];
}

/** A registry of 10,000 tasks, each with one host and four co-units, on 2021's calendar. */
function syntheticWorld(): ReminderWorld {
  const units = Array.from({ length: UNIT_POOL }, (_, i) => ({
    name: `单位${i}`,
    kind: "department" as const,
    aliases: [],
    contacts: [
      { name: `联络员${i}`, role: "contact" as const, wecomUserId: `c${i}` },
      { name: `负责人${i}`, role: "head" as const, wecomUserId: `h${i}` },
    ],
  }));
  const directory = directorySchema.parse({
    units,
    leaders: [{ name: "领导", wecomUserId: "leader" }],
    admins: [{ name: "督办员", wecomUserId: "admin" }],
  });
  const tasks = new Map<number, Task>();
  const assignments: Assignment[] = [];
  for (let no = 1; no <= TASKS; no++) {
    tasks.set(no, {
      no,
      section: "章节",
      text: `第${no}项任务`,
      leaders: ["领导"],
      hostUnits: [],
      coUnits: [],
      unitGroups: [],
      indicators: [],
      deadline: "2021-12-31",
      line: no,
    });
    for (let k = 0; k < UNITS_PER_TASK; k++) {
      assignments.push({
        taskNo: no,
        unit: `单位${(no * 7 + k * 131) % UNIT_POOL}`,
        role: k === 0 ? "host" : "co",
      });
    }
  }
  const reported = new Set<string>();
  // Some units have reported already, so the ladder's stop is exercised too.
  for (let no = 1; no <= TASKS; no += 3)
    reported.add(`${no}/${assignments[(no - 1) * UNITS_PER_TASK]?.unit}/2021-03`);
  return {
    tasks,
    assignments,
    people: indexPeople(directory),
    calendar: createChineseDaysCalendar(),
    settings: DEFAULT_SETTINGS.reminders,
    cycleFor: () => DEFAULT_SETTINGS.reporting.defaultCycle,
    start: "2021-01-21",
    channelFor: () => "wecom",
    reported: (no, unit, cycle) => reported.has(`${no}/${unit}/${cycle}`),
    closed: () => false,
    deadline: (task) => task.deadline,
    substituteFor: () => undefined,
    snoozedUntil: () => undefined,
  };
}

function sweep(): BenchResult[] {
  const world = syntheticWorld();
  // Monday 22 March 2021 (T-3 of March's reports) and Thursday 18 March (co-unit requests).
  const days = ["2021-03-22", "2021-03-18"];
  for (const day of days) planRemindersFor(world, day); // warm the calendar's caches
  global.gc?.();
  const heapBefore = process.memoryUsage().heapUsed;
  const times: number[] = [];
  let planned = 0;
  let peakHeap = 0;
  for (let i = 0; i < 7; i++) {
    for (const day of days) {
      const start = process.hrtime.bigint();
      planned = planRemindersFor(world, day).length;
      times.push(Number(process.hrtime.bigint() - start) / 1e6);
      peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed);
    }
  }
  times.sort((a, b) => a - b);
  const median = times[Math.floor(times.length / 2)] as number;
  const heapMb = (peakHeap - heapBefore) / 2 ** 20;
  const rssMb = process.memoryUsage().rss / 2 ** 20;
  return [
    {
      group: "reminder sweep",
      name: `plan one day, ${TASKS} tasks × ${UNITS_PER_TASK} units (median)`,
      value: median,
      unit: "ms",
      target: "< 200 ms",
      pass: median < 200,
    },
    { group: "reminder sweep", name: "messages planned on the last day measured", value: planned, unit: "" },
    {
      group: "reminder sweep",
      name: "heap growth while sweeping",
      value: heapMb,
      unit: "MB",
      target: "< 200 MB",
      pass: heapMb < 200,
    },
    { group: "reminder sweep", name: "process RSS after sweeping", value: rssMb, unit: "MB" },
  ];
}

async function simulateYear(): Promise<BenchResult> {
  const dir = mkdtempSync(join(tmpdir(), "duban-bench-sim-"));
  try {
    const source = new SqliteStore({ path: join(dir, "source.sqlite") });
    await importSeed(source);
    const start = process.hrtime.bigint();
    await runSimulation({
      config: loadConfig({ DUBAN_DATA_DIR: dir }),
      source,
      from: "2021-01-21",
      to: "2021-12-31",
      replyRate: 0.8,
      seed: 1,
      logger: createLogger({ level: "error" }),
    });
    const seconds = Number(process.hrtime.bigint() - start) / 1e9;
    await source.close();
    return {
      group: "duban simulate",
      name: "the seed, 2021-01-21 to 2021-12-31",
      value: seconds,
      unit: "s",
      target: "< 10 s",
      pass: seconds < 10,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
