import { relative } from "node:path";
import { calendarWarnings } from "../calendar/calendar-warnings.js";
import type { WorkCalendar } from "../calendar/work-calendar.js";
import type { DigestSettings } from "../config/digest-settings.js";
import type { Directory } from "../directory/directory.js";
import type { RegistryImport } from "../store/registry-import.js";
import { message } from "../templates/template-store.js";
import { checkDigestChats } from "./check-digest-chats.js";
import { checkDirectory } from "./check-directory.js";
import { checkRegistry } from "./check-registry.js";
import type { StartupWarning } from "./startup-warning.js";

export interface CheckSources {
  directory: Directory;
  /** The directory file in use (DUBAN_DIRECTORY, config/directory.yaml or the demo's). */
  directoryFile: string;
  /** The settings file in use, if any: where calendar overrides go. */
  settingsFile?: string | undefined;
  /** The current import from the store; undefined before the first import. */
  current: Pick<RegistryImport, "registry" | "importedAt"> | undefined;
  calendar: Pick<WorkCalendar, "coverage">;
  now: Date;
  /**
   * Why no chart can be drawn (chartFontProblem(), looked up once at start: a font installed later
   * is found by the next chart, but the warning stays until a restart); undefined when a font is there.
   */
  chartFont?: string | undefined;
  /** The digest settings, whose group chats must be in the directory. */
  digest?: Pick<DigestSettings, "chats"> | undefined;
  /**
   * True when the store is shared (Redis) and DUBAN_WEB_SECRET is unset: a sign-in link made by
   * one instance, or a session it started, is refused by the others.
   */
  webSecretUnshared?: boolean | undefined;
}

/**
 * Every start-up warning, each one line. Cheap (no I/O), so GET /healthz runs it on every request
 * and an import made after the start is seen at once.
 */
export function runStartupChecks(sources: CheckSources): StartupWarning[] {
  const warnings = checkDirectory(sources.directory, shown(sources.directoryFile));
  if (sources.digest)
    warnings.push(
      ...checkDigestChats(
        sources.digest,
        sources.directory,
        sources.settingsFile ? shown(sources.settingsFile) : message("checks", "settingsFile"),
      ),
    );
  if (sources.current) {
    const { registry, importedAt } = sources.current;
    warnings.push(
      ...checkRegistry({
        registry,
        start: registry.document.issuedOn || importedAt.slice(0, 10),
        calendar: sources.calendar,
        now: sources.now,
        settingsFile: sources.settingsFile ? shown(sources.settingsFile) : message("checks", "settingsFile"),
      }),
    );
  }
  // The admins' daily calendar warnings, unless the registry's warning already names the year.
  const named = new Set(warnings.flatMap((warning) => warning.years ?? []));
  for (const warning of calendarWarnings(sources.calendar, sources.now)) {
    if (!named.has(warning.year))
      warnings.push({ code: warning.code, count: 1, text: warning.text, years: [warning.year] });
  }
  if (sources.chartFont) warnings.push({ code: "chart_font_missing", count: 1, text: sources.chartFont });
  if (sources.webSecretUnshared)
    warnings.push({ code: "web_secret_missing", count: 1, text: message("checks", "webSecretMissing") });
  return warnings;
}

/** A path as the office would type it: relative to where the service runs, when inside it. */
function shown(file: string): string {
  const near = relative(process.cwd(), file);
  return near && !near.startsWith("..") ? near : file;
}
