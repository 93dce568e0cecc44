/**
 * The sweep that decides what is due, for 10,000 tasks × 5 units (issue 4: < 200 ms and
 * < 200 MB), and again at 100,000 tasks with `duban plan`'s work over two weeks (issue 11: the
 * time per task at 100,000 within 1.5× of that at 10,000); and `duban simulate` over the seed's
 * whole year, run as users run it, in a child process (issue 11: ≤ 3 s where it took 7.5–9.9 s).
 * That target is checked as the issue asks every figure to be, as a ratio in one run: the code the
 * issue measured runs the same year taking turns with today's (original-simulate.ts), and its CPU
 * time must be at least 9.9 / 3 = 3.3 times today's. CPU time (user + system, module loading
 * included), as on a shared machine the wall clock also counts the other processes' turns; the
 * wall times are printed beside.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createChineseDaysCalendar } from "../src/calendar/chinese-days-calendar.js";
import { COMMON_LIMITS } from "../src/channels/channel-limits.js";
import { DEFAULT_SETTINGS } from "../src/config/settings.js";
import { directorySchema } from "../src/directory/directory.js";
import { indexPeople } from "../src/directory/people.js";
import type { Assignment } from "../src/registry/compute-assignments.js";
import type { Task } from "../src/registry/registry.js";
import { planRemindersFor, type ReminderWorld } from "../src/reminders/plan-reminders.js";
import { SqliteStore } from "../src/store/sqlite/sqlite-store.js";
import { importSeed } from "../test/helpers/seed-world.js";
import { BIN, median, ranked, requireBuild, runNode } from "./child-process.js";
import { ORIGINAL_COMMIT, originalBuild } from "./original-simulate.js";
import type { BenchResult } from "./run.js";

const TASKS = 10_000;
const LARGE = 100_000;
const UNITS_PER_TASK = 5;
const UNIT_POOL = 2_000;
/** `duban plan --from 2021-03-15 --to 2021-03-26`: two weeks around March's due date. */
const PLAN_DAYS = ["15", "16", "17", "18", "19", "22", "23", "24", "25", "26"].map((d) => `2021-03-${d}`);

export default async function run(): Promise<BenchResult[]> {
  const small = syntheticWorld(TASKS);
  const results = sweep(small);
  const large = syntheticWorld(LARGE);
  results.push(...linearity(perTaskAtBothSizes(small, large)));
  results.push(...(await simulateYear()));
  return results;
}

/** A registry of `count` tasks, each with one host and four co-units, on 2021's calendar. */
function syntheticWorld(count: number): ReminderWorld {
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
  for (let no = 1; no <= count; no++) {
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
  // Some units have reported already, so the ladder's stop is exercised too. Kept as the world's
  // loader keeps them (load-reminder-world.ts): each unit's latest cycle, by task, then unit.
  const latestCycle = new Map<number, Map<string, string>>();
  for (let no = 1; no <= count; no += 3) {
    const host = assignments[(no - 1) * UNITS_PER_TASK]?.unit;
    if (host !== undefined) latestCycle.set(no, new Map([[host, "2021-03"]]));
  }
  return {
    tasks,
    assignments,
    people: indexPeople(directory),
    calendar: createChineseDaysCalendar(),
    settings: DEFAULT_SETTINGS.reminders,
    cycleFor: () => DEFAULT_SETTINGS.reporting.defaultCycle,
    start: "2021-01-21",
    channelFor: () => "wecom",
    limits: COMMON_LIMITS,
    reported: (no, unit, cycle) => {
      const latest = latestCycle.get(no)?.get(unit);
      return latest !== undefined && latest >= cycle;
    },
    closed: () => false,
    muted: () => false,
    deadline: (task) => task.deadline,
    substituteFor: () => undefined,
    snoozedUntil: () => undefined,
  };
}

function sweep(world: ReminderWorld): BenchResult[] {
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

/**
 * Microseconds per task at both sizes: the median sweep of one day, and `duban plan`'s two weeks.
 * Each sample does the same work at both sizes (the smaller world's sweep repeated to as many
 * tasks as the larger's), so each pays for its garbage alike: a 10,000-task sweep lasts about
 * 40 ms, and one young-generation collection more or less moved it by a third. The two sizes take
 * turns, so a slow spell of a shared machine falls on both sides of the ratio instead of on one;
 * both worlds are alive throughout, as they were when each was measured after the other.
 */
function perTaskAtBothSizes(small: ReminderWorld, large: ReminderWorld): { small: PerTask; large: PerTask } {
  const day = "2021-03-22";
  const worlds = [
    { world: small, tasks: TASKS, repeat: LARGE / TASKS, sweeps: [] as number[], plans: [] as number[] },
    { world: large, tasks: LARGE, repeat: 1, sweeps: [] as number[], plans: [] as number[] },
  ];
  const repeated = (times: number, work: () => unknown) => () => {
    for (let i = 0; i < times; i++) work();
  };
  for (const { world } of worlds) planRemindersFor(world, day); // warm the calendar's caches
  for (let i = 0; i < SWEEP_TURNS; i++)
    for (const w of worlds) w.sweeps.push(timed(repeated(w.repeat, () => planRemindersFor(w.world, day))));
  // As `duban plan` does: every day's messages kept in one list, printed at the end.
  const plan = (world: ReminderWorld) => {
    const planned: unknown[] = [];
    for (const day of PLAN_DAYS) for (const reminder of planRemindersFor(world, day)) planned.push(reminder);
    return planned;
  };
  for (let i = 0; i < PLAN_TURNS; i++)
    for (const w of worlds) w.plans.push(timed(repeated(w.repeat, () => plan(w.world))));
  const [s, l] = worlds.map((w) => ({
    sweep: (median(w.sweeps) * 1000) / (w.tasks * w.repeat),
    plan: (median(w.plans) * 1000) / (w.tasks * w.repeat),
  })) as [PerTask, PerTask];
  return { small: s, large: l };
}

interface PerTask {
  sweep: number;
  plan: number;
}

const SWEEP_TURNS = 7;
const PLAN_TURNS = 3;
const SIMULATE_RUNS = 3;

function linearity({ small, large }: { small: PerTask; large: PerTask }): BenchResult[] {
  const group = "reminder sweep";
  const at = (n: number) => n.toLocaleString("en-US");
  const row = (what: "sweep" | "plan", label: string): BenchResult[] => {
    const ratio = large[what] / small[what];
    return [
      { group, name: `${label}, per task at ${at(TASKS)} tasks`, value: small[what], unit: "µs" },
      { group, name: `${label}, per task at ${at(LARGE)} tasks`, value: large[what], unit: "µs" },
      {
        group,
        name: `${label}: per task at ${at(LARGE)} / at ${at(TASKS)}`,
        value: ratio,
        unit: "×",
        target: "≤ 1.5×",
        pass: ratio <= 1.5,
      },
    ];
  };
  return [...row("sweep", "sweep of one day"), ...row("plan", `plan of ${PLAN_DAYS.length} working days`)];
}

/** Milliseconds `work` takes. */
function timed(work: () => unknown): number {
  const start = process.hrtime.bigint();
  work();
  return Number(process.hrtime.bigint() - start) / 1e6;
}

/**
 * What a machine's speed of the moment is measured by, beside the simulation: objects, strings,
 * maps, JSON and sorting, as the simulation's own work is, with no I/O; a fixed amount of it,
 * half a second to a second of CPU here, as the machine's speed goes. Node start included, as in
 * the simulation's figure.
 */
const REFERENCE_WORKLOAD = `
let seed = 1;
const random = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
let sum = 0;
for (let round = 0; round < 3; round++) {
  const byKey = new Map();
  const rows = [];
  for (let i = 0; i < 40000; i++) {
    const row = { id: i, unit: "单位" + Math.floor(random() * 900), due: "2021-03-" + String(1 + (i % 28)).padStart(2, "0"), value: random() };
    rows.push(row);
    byKey.set(row.unit + "/" + row.due, row);
  }
  rows.sort((a, b) => a.value - b.value);
  sum += JSON.parse(JSON.stringify(rows)).length + byKey.size;
}
if (sum === 0) process.exit(1);
`;

/**
 * `duban simulate` over the seed's 2021, from a store holding the seed, in its own process; and
 * beside it, taking turns, the same simulation by the code issue 11 measured (7.5–9.9 s on its
 * machine, ≤ 3 s asked): the target is the ratio of the two, 9.9 s / 3 s, in one run.
 */
async function simulateYear(): Promise<BenchResult[]> {
  requireBuild();
  const original = originalBuild();
  const dir = mkdtempSync(join(tmpdir(), "duban-bench-sim-"));
  try {
    const source = new SqliteStore({ path: join(dir, "duban.sqlite") });
    await importSeed(source);
    await source.close();
    const range = ["simulate", "--from", "2021-01-21", "--to", "2021-12-31", "--json"];
    // Several rounds (neither simulation writes to the store it reads), the one of median CPU
    // shown: one run's CPU moved by a third within an hour on this shared machine. A simulation is
    // deterministic, so the runs must agree on what they sent.
    const runs = Array.from({ length: SIMULATE_RUNS }, () => {
      // The reference workload right before each run: the two see the machine in the same state.
      const reference = runNode(["--input-type=module", "-e", REFERENCE_WORKLOAD]);
      if (reference.code !== 0) throw new Error(`the reference workload failed: ${reference.stderr}`);
      const run = runNode([BIN, ...range], { DUBAN_DATA_DIR: dir, LOG_LEVEL: "error" }, 300_000);
      if (run.code !== 0) throw new Error(`duban simulate failed (${run.code}): ${run.stderr}`);
      const before = runNode(
        [original.bin, ...range],
        { DUBAN_DATA_DIR: original.dataDir, LOG_LEVEL: "error" },
        600_000,
      );
      if (before.code !== 0)
        throw new Error(`the original duban simulate failed (${before.code}): ${before.stderr}`);
      return {
        ...run,
        referenceCpuMs: reference.cpuMs,
        original: before,
        totals: JSON.parse(run.stdout) as { messages: number; replies: number },
        originalMessages: (JSON.parse(before.stdout) as { messages: number }).messages,
      };
    });
    const differing = new Set(
      runs.map(
        (r) => `${r.totals.messages} messages, ${r.totals.replies} replies (${r.originalMessages} before)`,
      ),
    );
    if (differing.size > 1) throw new Error(`duban simulate's runs differ: ${[...differing].join(" / ")}`);
    const { lowest, median: run, highest } = ranked(runs, (r) => r.cpuMs);
    if (!run || !lowest || !highest) throw new Error("duban simulate: no run");
    const { totals } = run;
    const group = "duban simulate";
    const cpuRatio = median(runs.map((r) => r.original.cpuMs / r.cpuMs));
    return [
      {
        group,
        name: `the seed, 2021-01-21 to 2021-12-31: CPU (median of ${SIMULATE_RUNS} runs)`,
        value: run.cpuMs / 1000,
        unit: "s",
      },
      { group, name: "the same run: wall clock", value: run.wallMs / 1000, unit: "s" },
      // Where the CPU goes: the main thread runs the year; beside it V8 optimises the hot code and
      // collects garbage on threads of its own, which the CPU figure counts too.
      ...(run.mainCpuMs !== undefined
        ? [
            { group, name: "the same run: main thread CPU", value: run.mainCpuMs / 1000, unit: "s" },
            {
              group,
              name: "the same run: other threads' CPU (V8 compiler, GC)",
              value: (run.cpuMs - run.mainCpuMs) / 1000,
              unit: "s",
            },
          ]
        : []),
      { group, name: "the quickest run's CPU", value: lowest.cpuMs / 1000, unit: "s" },
      { group, name: "the slowest run's CPU", value: highest.cpuMs / 1000, unit: "s" },
      {
        group,
        name: `the code issue 11 measured (${ORIGINAL_COMMIT.slice(0, 7)}), taking turns: CPU (median)`,
        value: median(runs.map((r) => r.original.cpuMs)) / 1000,
        unit: "s",
      },
      {
        group,
        name: "… its wall clock (median)",
        value: median(runs.map((r) => r.original.wallMs)) / 1000,
        unit: "s",
      },
      // The target as the ratio it implies: 9.9 s, the slower of its readings, to 3 s.
      {
        group,
        name: "its CPU / today's, round by round (median)",
        value: cpuRatio,
        unit: "×",
        target: "≥ 3.3× (9.9 s → 3 s)",
        pass: cpuRatio >= 9.9 / 3,
      },
      {
        group,
        name: "its wall clock / today's, round by round (median)",
        value: median(runs.map((r) => r.original.wallMs / r.wallMs)),
        unit: "×",
      },
      // How quick the machine was meanwhile: the same CPU figure moved by half within an hour here,
      // for every build alike. The ratio says what the simulation costs whatever the spell.
      {
        group,
        name: "a fixed JavaScript workload, run before each (median CPU)",
        value: median(runs.map((r) => r.referenceCpuMs)) / 1000,
        unit: "s",
      },
      {
        group,
        name: "the simulation's CPU / the workload's, run by run (median)",
        value: median(runs.map((r) => r.cpuMs / r.referenceCpuMs)),
        unit: "×",
      },
      {
        group,
        name: "messages sent, replies simulated (the issue's code: messages)",
        value: totals.messages,
        unit: `, ${totals.replies} (${run.originalMessages})`,
      },
    ];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
