import { constants } from "node:fs";
import { access, open, rename, rm, stat } from "node:fs/promises";
import { dirname, resolve } from "node:path";
import { InputError } from "../shared/errors.js";
import { messages } from "../templates/template-store.js";

const m = messages("cli/files");

/**
 * The file a command writes (`duban export`, `duban bulletin`) must end in `extension`, sit in a
 * folder that exists and can be written, and be new unless `force`. Checked before any reading,
 * so that a path that cannot be written is known in a moment. `example`: a good file name.
 */
export async function checkOutputFile(
  file: string,
  options: { extension: string; example: string; force: boolean },
): Promise<void> {
  const { extension, example } = options;
  if (!file.toLowerCase().endsWith(extension))
    throw new InputError(m("wrongExtension", { file, extension, example }));
  const existing = await stat(file).catch(() => undefined);
  if (existing?.isDirectory()) throw new InputError(m("isDirectory", { file, example }));
  if (existing && !options.force) throw new InputError(m("exists", { file }));
  const dir = dirname(resolve(file));
  if (!(await stat(dir).catch(() => undefined))?.isDirectory()) throw new InputError(m("noDir", { dir }));
  await access(dir, constants.W_OK).catch((error: unknown) => {
    throw new InputError(m("notWritable", { file, reason: reasonOf(error) }));
  });
}

/**
 * Writes next to `file`, flushes, then renames over it: a failed or interrupted write never
 * leaves half a file where the last good one was.
 */
export async function writeWhole(file: string, bytes: Uint8Array): Promise<void> {
  const temporary = `${file}.${process.pid}.tmp`;
  try {
    const handle = await open(temporary, "w");
    try {
      await handle.writeFile(bytes);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temporary, file);
  } catch (error) {
    await rm(temporary, { force: true });
    throw new InputError(m("notWritable", { file, reason: reasonOf(error) }), { cause: error });
  }
}

const REASON: Readonly<Record<string, string>> = {
  EACCES: "reasonDenied",
  EPERM: "reasonDenied",
  EROFS: "reasonReadOnly",
  ENOSPC: "reasonFull",
};

function reasonOf(error: unknown): string {
  const code = String((error as NodeJS.ErrnoException)?.code ?? "");
  return m(REASON[code] ?? "reasonOther", { code });
}

/** "186.4 KB", "1.2 MB". */
export function fileSize(bytes: number): string {
  if (bytes < 1024 * 1024) return m("sizeKB", { value: (bytes / 1024).toFixed(1) });
  return m("sizeMB", { value: (bytes / 1024 / 1024).toFixed(1) });
}
