import { open, rename, rm } from "node:fs/promises";
import { serializeDump } from "./serialize-dump.js";
import type { StoreDump } from "./store-dump.js";

/**
 * Writes a dump next to `path`, flushes it to disk, then renames it over `path`: a crash
 * mid-write leaves the previous backup whole rather than half a new one.
 */
export async function writeDumpFile(path: string, dump: StoreDump): Promise<void> {
  const temporary = `${path}.${process.pid}.tmp`;
  const file = await open(temporary, "w");
  try {
    await file.writeFile(serializeDump(dump), "utf8");
    await file.sync();
  } catch (error) {
    await file.close();
    await rm(temporary, { force: true });
    throw error;
  }
  await file.close();
  await rename(temporary, path);
}
