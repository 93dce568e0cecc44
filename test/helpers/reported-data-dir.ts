import { join } from "node:path";
import { SqliteStore } from "../../src/store/sqlite/sqlite-store.js";
import { seededDataDir } from "./service-process.js";

/**
 * A data dir (removed after the test) holding the seed, imported by the built CLI, and 徐勇's
 * March report on task 52: 4200 of the 6000 jobs of 区人力资源和社会保障局.
 */
export async function reportedDataDir(name: string): Promise<string> {
  const data = seededDataDir(name);
  const store = new SqliteStore({ path: join(data, "duban.sqlite") });
  await store.progress.append({
    taskNo: 52,
    unit: "区人力资源和社会保障局",
    cycle: "2021-03",
    reportedBy: "wecom:demo.u06.contact",
    reportedAt: "2021-03-24T02:00:00.000Z",
    status: "on-track",
    values: [{ indicator: 0, value: 4200, unit: "人" }],
    note: "",
    source: "text",
  });
  await store.close();
  return data;
}
