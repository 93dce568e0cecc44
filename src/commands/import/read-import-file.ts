import { basename, relative } from "node:path";
import type { InboundEvent } from "../../channels/channel.js";
import { DEMO_DIRECTORY } from "../../config/load-config.js";
import { checkImportSafety, type ImportRefusal } from "../../registry/check-import-safety.js";
import { importNotice } from "../../registry/import-notice.js";
import { summarizeImport } from "../../registry/summarize-import.js";
import { InputError } from "../../shared/errors.js";
import { PACKAGE_ROOT } from "../../shared/package-root.js";
import { messages } from "../../templates/template-store.js";
import type { CommandContext } from "../command-context.js";
import { mayRun } from "../command-spec.js";
import { importCommand } from "./import-command.js";
import { describeImportRefusal, pendingAnswer } from "./import-words.js";
import {
  keepPendingImport,
  PENDING_IMPORT_MAX_BYTES,
  PENDING_IMPORT_MS,
  type PendingImport,
} from "./pending-import.js";

const m = messages("commands");

/** The readers' reasons (InputError.reason) in chat's words: the command line's name --year and paths. */
const UNREADABLE: Record<string, () => string> = {
  empty: () => m("importUnreadableEmpty"),
  encoding: () => m("importUnreadableEncoding"),
  "old-office": () => m("importUnreadableOldOffice"),
  "unknown-zip": () => m("importUnreadableUnknownZip"),
  "pdf-broken": () => m("importUnreadablePdfBroken"),
  "pdf-scanned": () => m("importUnreadablePdfScanned"),
  "xlsx-broken": () => m("importUnreadableXlsxBroken"),
  "no-worksheet": () => m("importUnreadableNoWorksheet"),
  "csv-broken": () => m("importUnreadableCsvBroken"),
  "docx-broken": () => m("importUnreadableDocxBroken"),
  "no-year": () => m("importUnreadableNoYear"),
};

/** The largest file taken for an import: a notice or task table is a few hundred KB at most. */
export const IMPORT_FILE_MAX_BYTES = 20 * 1024 * 1024;

type FileEvent = Extract<InboundEvent, { kind: "file" }>;

/**
 * A file sent in chat. WeCom and DingTalk files carry no caption, so an admin's file is taken as an
 * import candidate: fetched, read with the reader `duban import` uses (by the file's extension),
 * and answered with the same summary and diff against the current registry. Nothing changes: the
 * read registry is kept as the admin's pending import for `/import confirm` (an hour). Anyone
 * else's file gets a polite answer that the office imports notices. Every outcome is audited.
 */
export async function receiveImportFile(ctx: CommandContext, file: FileEvent): Promise<void> {
  const { turn, caller } = ctx;
  const name = safeFileName(file.fileName);
  const audit = (action: string, details: Record<string, unknown>) =>
    turn.deps.store.audit.append({
      at: turn.at,
      actor: caller.actor,
      action,
      details: { file: name, ...details, roles: caller.roles, event: file.eventId },
    });

  if (!mayRun(importCommand, caller.roles)) {
    turn.deps.logger.info("file from someone who may not import it", { roles: caller.roles });
    await audit("import.refused", { reason: "not-an-admin" });
    return turn.answer(m("importFileRefused"));
  }
  const tooLarge = () => m("importFileTooLarge", { file: name, max: IMPORT_FILE_MAX_BYTES / 1024 / 1024 });
  if (file.size !== undefined && file.size > IMPORT_FILE_MAX_BYTES) {
    await audit("import.failed", { reason: "too-large", size: file.size });
    return turn.answer(tooLarge());
  }
  const fetched = turn.deps.fetchFile
    ? await turn.deps.fetchFile(file.channel, file.ref, { maxBytes: IMPORT_FILE_MAX_BYTES })
    : ({ ok: false, problem: "failed", reason: "no channel fetches files" } as const);
  if (!fetched.ok) {
    turn.deps.logger.warn("file for import not fetched", {
      problem: fetched.problem,
      reason: fetched.reason,
    });
    await audit("import.failed", { reason: fetched.problem });
    return turn.answer(
      fetched.problem === "too-large"
        ? tooLarge()
        : m(fetched.problem === "gone" ? "importFileGone" : "importFileFailed", { file: name }),
    );
  }

  const current = await turn.deps.store.registry.current();
  let result: Awaited<ReturnType<typeof importNotice>>;
  try {
    result = await importNotice({
      path: name,
      bytes: fetched.bytes,
      directory: turn.deps.directory,
      ...(current ? { previous: current.registry } : {}),
    });
  } catch (error) {
    // The reader's reason, worded for chat (the command line's words name --year and paths); a
    // file it choked on without one is said to be broken.
    const reason =
      (error instanceof InputError && error.reason !== undefined && UNREADABLE[error.reason]?.()) ||
      m("importFileBroken");
    turn.deps.logger.warn("file for import not readable", { error });
    await audit("import.unreadable", { reason });
    return turn.answer(m("importFileUnreadable", { file: name, reason }));
  }

  const { registry, diff, source } = result;
  const summary = summarizeImport(result, {
    directoryPath: relative(PACKAGE_ROOT, DEMO_DIRECTORY),
    demo: turn.deps.directory.demo,
    hadPrevious: current !== undefined,
    pending: true,
  });
  const counts = {
    tasks: registry.tasks.length,
    problems: registry.problems.length,
    year: registry.document.year,
    added: diff.added.length,
    changed: diff.changed.length,
    removed: diff.removed.length,
  };
  const refusals: ImportRefusal[] = checkImportSafety(current?.registry, registry, diff, { replace: false });
  if (registry.tasks.length === 0) {
    await audit("import.unreadable", { reason: "no-tasks", ...counts });
    return turn.answer(
      pendingAnswer(turn, { summary, head: m("importNothingRead", { file: name }) }, 1).text,
    );
  }
  const pending: PendingImport = {
    kind: "pending-import",
    setBy: caller.actor,
    setAt: turn.at,
    expiresAt: new Date(Date.parse(turn.at) + PENDING_IMPORT_MS).toISOString(),
    source: { path: name, format: source.format, sha256: source.sha256 },
    registry,
    summary,
  };
  if (Buffer.byteLength(JSON.stringify(pending)) > PENDING_IMPORT_MAX_BYTES) {
    await audit("import.failed", { reason: "too-large-to-keep", ...counts });
    return turn.answer(m("importTooLargeToKeep", { file: name, tasks: registry.tasks.length }));
  }
  await keepPendingImport(turn, pending);
  await audit("import.read", {
    sha256: source.sha256,
    ...counts,
    needsReplace: refusals.map((r) => r.kind),
  });
  const head = [
    m("importReadHead", { file: name }),
    ...refusals.map(describeImportRefusal),
    m(refusals.length > 0 ? "importConfirmReplaceHint" : "importConfirmHint"),
  ].join("\n");
  await turn.answer(pendingAnswer(turn, { summary, head }, 1).text);
}

/**
 * The name as sent, for the reader (its extension) and the answers: no folders, no control
 * characters, at most 100 characters (the platform's word, not ours).
 */
export function safeFileName(sent: string): string {
  const name = basename(sent.replace(/\\/g, "/"))
    .replace(/[\p{Cc}\p{Cf}]/gu, "")
    .trim();
  const chars = [...name];
  if (chars.length === 0) return "file";
  if (chars.length <= 100) return name;
  const dot = name.lastIndexOf(".");
  const ext = dot > 0 && name.length - dot <= 8 ? name.slice(dot) : "";
  return chars.slice(0, 100 - ext.length).join("") + ext;
}
