import { addDays } from "../calendar/iso-date.js";
import { createOfficeCalendar } from "../calendar/office-days-calendar.js";
import { CHANNEL_PLUGINS } from "../channels/plugins.js";
import { readChannelConfigs } from "../channels/read-channel-configs.js";
import { channelNames } from "../channels/start-channels.js";
import { runStartupChecks } from "../checks/run-startup-checks.js";
import type { StartupWarning } from "../checks/startup-warning.js";
import { directoryPath, loadConfig } from "../config/load-config.js";
import { loadSettings, settingsPath } from "../config/load-settings.js";
import { loadDirectory } from "../directory/load-directory.js";
import { loadReminderWorld } from "../reminders/load-reminder-world.js";
import { type PlannedReminder, planRemindersFor } from "../reminders/plan-reminders.js";
import { systemClock } from "../shared/clock.js";
import { listOfficeDays } from "../store/office-override.js";
import { openStore } from "../store/open-store.js";
import { message } from "../templates/template-store.js";
import { parseDateRange } from "./parse-date-range.js";
import { storeDefaults } from "./store-defaults.js";

export interface PlanOptions {
  from: string;
  to: string;
  json?: boolean;
  store?: string;
}

export async function plan(options: PlanOptions): Promise<string> {
  parseDateRange(options);
  const config = loadConfig();
  const settingsFile = settingsPath(config.DUBAN_SETTINGS);
  const settings = loadSettings(settingsFile);
  const directoryFile = directoryPath(config).path;
  const directory = await loadDirectory(directoryFile);
  const store = await openStore({ ...storeDefaults(), ...(options.store ? { spec: options.store } : {}) });
  try {
    // The office's days set in chat (/calendar add) count, as in the service.
    const calendar = createOfficeCalendar({
      load: () => listOfficeDays(store.overrides),
      config: settings.calendar,
    });
    await calendar.refresh();
    const world = await loadReminderWorld({
      store,
      directory,
      settings,
      calendar,
      channels: channelNames(readChannelConfigs(CHANNEL_PLUGINS)),
      accountOrder: CHANNEL_PLUGINS.map((plugin) => plugin.name),
    });
    // A plan that shows only leader escalations must say why: the same checks as at start.
    const warnings = runStartupChecks({
      directory,
      directoryFile,
      settingsFile,
      digest: settings.digest,
      current: await store.registry.current(),
      calendar,
      now: systemClock.now(),
    });
    if (!world) return options.json ? "[]" : withWarnings(message("cli/plan", "noRegistry"), warnings);
    const planned: PlannedReminder[] = [];
    for (let date = options.from; date <= options.to; date = addDays(date, 1)) {
      // One by one: a large registry plans more messages a day than a call can take as arguments.
      for (const reminder of planRemindersFor(world, date)) planned.push(reminder);
    }
    return options.json
      ? JSON.stringify(planned.map(toJson), null, 2)
      : withWarnings(toText(planned, options), warnings);
  } finally {
    await store.close();
  }
}

/** The warnings after the list, where the terminal leaves them in view. */
function withWarnings(text: string, warnings: readonly StartupWarning[]): string {
  if (warnings.length === 0) return text;
  return [
    text,
    "",
    message("cli/plan", "warnings", { count: warnings.length }),
    ...warnings.map((warning) => message("cli/plan", "warning", { text: warning.text })),
  ].join("\n");
}

function toJson(r: PlannedReminder) {
  return {
    at: r.at,
    to: r.recipient.name,
    toId: r.recipient.personId,
    unit: r.unit,
    task: r.taskNo,
    step: r.step,
    offset: r.offset,
    cycle: r.cycle,
    due: r.due,
    channel: r.channel,
  };
}

function toText(planned: PlannedReminder[], options: PlanOptions): string {
  const range = { from: options.from, to: options.to };
  if (planned.length === 0) return message("cli/plan", "none", range);
  const lines = planned.map((r) =>
    message("cli/plan", "line", {
      at: r.at.slice(0, 16).replace("T", " "),
      task: r.taskNo,
      unit: r.unit,
      step: message("cli/plan", `step${r.step}`),
      to: r.recipient.name,
      role: message("cli/plan", `role${r.recipient.role}`),
      channel: r.channel,
    }),
  );
  return [message("cli/plan", "header", { ...range, count: planned.length }), ...lines].join("\n");
}
