/**
 * Issue 14: the Excel ledger (台账) for 10,000 task-units in under 5 s and 300 MB. `duban export`
 * runs as users run it, in its own process, over a SQLite store holding a synthetic registry of
 * 2,000 tasks × 5 units (one host, four co-units, from a pool of 400 units in the directory) with
 * 20,000 progress reports and 1,000 requests: the overview sheet, one sheet per section and the
 * history sheet. The target is the child's CPU time (user + system, module loading included), as
 * for `duban simulate`: on a shared machine the wall clock also counts other processes' turns; the
 * wall time and the peak resident memory are printed beside it.
 */
import { mkdtempSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { dump } from "js-yaml";
import { indexDirectory } from "../src/directory/directory-index.js";
import { parseDirectory } from "../src/directory/load-directory.js";
import { computeAssignments } from "../src/registry/compute-assignments.js";
import type { Registry, Task } from "../src/registry/registry.js";
import { SqliteStore } from "../src/store/sqlite/sqlite-store.js";
import { BIN, requireBuild, runNode } from "./child-process.js";
import type { BenchResult } from "./run.js";

const TASKS = 2_000;
const UNITS_PER_TASK = 5;
const UNIT_POOL = 400;
const LEADERS = 20;
const SECTIONS = 10;
const REPORTS = 20_000;
const REQUESTS = 1_000;
const AS_OF = "2021-06-30";

export default async function run(): Promise<BenchResult[]> {
  requireBuild();
  const dir = mkdtempSync(join(tmpdir(), "duban-bench-ledger-"));
  try {
    const directoryPath = join(dir, "directory.yaml");
    writeFileSync(directoryPath, dump(syntheticDirectory()));
    await fillStore(join(dir, "duban.sqlite"), directoryPath);
    const out = join(dir, "ledger.xlsx");
    const env = { DUBAN_DATA_DIR: dir, DUBAN_DIRECTORY: directoryPath, LOG_LEVEL: "error" };
    const measured = runNode([BIN, "export", out, "--at", AS_OF], env, 300_000);
    if (measured.code !== 0) throw new Error(`duban export failed (${measured.code}): ${measured.stderr}`);
    const group = "duban export (台账)";
    const label = `${(TASKS * UNITS_PER_TASK).toLocaleString("en-US")} task-units, ${REPORTS.toLocaleString("en-US")} reports`;
    const seconds = measured.cpuMs / 1000;
    const megabytes = measured.maxRssKb / 1024;
    return [
      { group, name: `${label}: CPU`, value: seconds, unit: "s", target: "< 5 s", pass: seconds < 5 },
      { group, name: `${label}: wall`, value: measured.wallMs / 1000, unit: "s" },
      {
        group,
        name: `${label}: peak RSS`,
        value: megabytes,
        unit: "MB",
        target: "< 300 MB",
        pass: megabytes < 300,
      },
      { group, name: `${label}: workbook`, value: statSync(out).size / 1024, unit: "KB" },
    ];
  } finally {
    if (!process.env.KEEP_BENCH_DIR) rmSync(dir, { recursive: true, force: true });
    else process.stderr.write(`kept ${dir}\n`);
  }
}

function syntheticDirectory() {
  return {
    office: { name: "基准测试督考办" },
    admins: [{ name: "督办员", wecomUserId: "admin" }],
    leaders: Array.from({ length: LEADERS }, (_, i) => ({ name: `领导${i}`, wecomUserId: `leader${i}` })),
    units: Array.from({ length: UNIT_POOL }, (_, i) => ({
      name: `单位${i}`,
      kind: "department",
      contacts: [
        { name: `联络员${i}`, role: "contact", wecomUserId: `c${i}` },
        { name: `负责人${i}`, role: "head", wecomUserId: `h${i}` },
      ],
    })),
  };
}

function syntheticRegistry(): Registry {
  const sections = Array.from({ length: SECTIONS }, (_, i) => ({ no: `${i + 1}`, title: `第${i + 1}部分` }));
  const tasks: Task[] = Array.from({ length: TASKS }, (_, i) => {
    const no = i + 1;
    const units = Array.from({ length: UNITS_PER_TASK }, (_, k) => `单位${(no * 7 + k * 131) % UNIT_POOL}`);
    return {
      no,
      section: sections[i % SECTIONS]?.title ?? "",
      text: `第${no}项任务：推进重点项目建设，全年完成投资${no}亿元，新增就业${no * 10}人`,
      leaders: [`领导${i % LEADERS}`],
      hostUnits: units.slice(0, 1),
      coUnits: units.slice(1),
      unitGroups: [],
      indicators: [
        { text: `完成投资${no}亿元`, value: no, unit: "亿元", bound: "min" },
        { text: `新增就业${no * 10}人`, value: no * 10, unit: "人", bound: "min" },
      ],
      deadline: "2021-12-31",
      line: no,
    };
  });
  return {
    document: {
      title: "基准测试任务分解",
      docNo: "基准〔2021〕1号",
      issuer: "基准",
      issuedOn: "2021-01-21",
      year: 2021,
    },
    targets: [],
    sections,
    tasks,
    problems: [],
  };
}

/** The registry, then the reports and requests, as `duban import` and months of chat would leave them. */
async function fillStore(path: string, directoryPath: string): Promise<void> {
  const { readFileSync } = await import("node:fs");
  const directory = parseDirectory(readFileSync(directoryPath, "utf8"), directoryPath);
  const registry = syntheticRegistry();
  const store = new SqliteStore({ path });
  try {
    await store.registry.save({
      registry,
      directory,
      assignments: computeAssignments(registry, indexDirectory(directory)),
      source: { path: "synthetic", format: "text", sha256: "synthetic" },
      importedAt: "2021-01-21T02:00:00.000Z",
    });
    const months = ["2021-02", "2021-03", "2021-04", "2021-05", "2021-06"];
    for (let i = 0; i < REPORTS; i++) {
      const task = registry.tasks[i % TASKS] as Task;
      const unitIndex = Math.floor(i / TASKS) % UNITS_PER_TASK;
      const unit = unitIndex === 0 ? (task.hostUnits[0] as string) : (task.coUnits[unitIndex - 1] as string);
      const month = months[Math.floor(i / (TASKS * 2)) % months.length] as string;
      await store.progress.append({
        taskNo: task.no,
        unit,
        cycle: month,
        reportedBy: `wecom:c${unit.slice(2)}`,
        reportedAt: `${month}-2${i % 5}T02:00:00.000Z`,
        status: i % 17 === 0 ? "difficulty" : "on-track",
        values: unitIndex === 0 ? [{ indicator: 1, value: (task.no * 10 * (i % 9)) / 10, unit: "人" }] : [],
        note: i % 17 === 0 ? "资金尚未到位，需协调" : "按计划推进",
        source: "text",
      });
    }
    for (let i = 0; i < REQUESTS; i++) {
      const task = registry.tasks[(i * 2) % TASKS] as Task;
      await store.requests.create({
        id: `bench-${i}`,
        kind: i % 2 === 0 ? "completion" : "extension",
        taskNo: task.no,
        unit: task.hostUnits[0] as string,
        requestedBy: "wecom:c1",
        requestedAt: "2021-05-10T02:00:00.000Z",
        ...(i % 2 === 1 ? { newDeadline: "2022-03-31", reason: "受汛期影响" } : {}),
      });
    }
  } finally {
    await store.close();
  }
}
