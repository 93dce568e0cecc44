import { mkdir, readFile, rename, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { z } from "zod";
import { registrySchema } from "./registry.js";

/** One import as kept on disk: the registry plus where it came from. */
export const registryImportSchema = z.object({
  registry: registrySchema,
  source: z.object({ path: z.string(), format: z.string(), sha256: z.string() }),
  importedAt: z.string(),
});
export type RegistryImport = z.infer<typeof registryImportSchema>;

export function registryFilePath(dataDir: string): string {
  return join(dataDir, "registry.json");
}

export async function readRegistryFile(dataDir: string): Promise<RegistryImport | undefined> {
  let text: string;
  try {
    text = await readFile(registryFilePath(dataDir), "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw error;
  }
  return registryImportSchema.parse(JSON.parse(text));
}

/** Written to a temporary file and renamed over the old one, so a crash never leaves half a file. */
export async function writeRegistryFile(dataDir: string, value: RegistryImport): Promise<void> {
  await mkdir(dataDir, { recursive: true });
  const target = registryFilePath(dataDir);
  const temp = `${target}.${process.pid}.tmp`;
  await writeFile(temp, `${JSON.stringify(value, null, 2)}\n`, "utf8");
  await rename(temp, target);
}
