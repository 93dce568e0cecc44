import { plainDate } from "../calendar/format-dates.js";
import { parsePeriod } from "../reports/bulletin/bulletin-period.js";
import { businessDate, type Clock, systemClock } from "../shared/clock.js";
import { AppError, InputError } from "../shared/errors.js";
import { messages } from "../templates/template-store.js";
import { checkOutputFile, fileSize, writeWhole } from "./output-file.js";
import type { StoreDefaultsOption } from "./store-defaults-option.js";
import { withLedgerSources } from "./with-ledger-sources.js";

const m = messages("cli/bulletin");

export interface BulletinOptions {
  period: string;
  out: string;
  force?: boolean;
  store?: string;
  dataDir?: string;
}

/** `duban bulletin` (see bulletin-command.ts): writes the draft and returns what to print. */
export async function writeBulletinFile(
  defaults: StoreDefaultsOption,
  options: BulletinOptions,
  clock: Clock = systemClock,
): Promise<string> {
  const period = parsePeriod(options.period.trim());
  if (!period) throw new InputError(m("badPeriod", { value: options.period }));
  const now = clock.now();
  const today = businessDate(now);
  if (today < period.start)
    throw new InputError(m("notBegun", { period: period.key, start: plainDate(period.start) }));
  const file = options.out;
  await checkOutputFile(file, { extension: ".docx", example: "通报.docx", force: options.force === true });
  const { exportBulletin } = await import("../reports/bulletin/export-bulletin.js");
  return withLedgerSources(defaults, options, async (sources, store) => {
    const made = await exportBulletin(sources, { period, today, now });
    if (!made) throw new AppError("not_found", m("noRegistry"));
    await writeWhole(file, made.bytes);
    const done = m("done", {
      file,
      date: plainDate(made.bulletin.date),
      store,
      size: fileSize(made.bytes.length),
    });
    return `${made.summary}\n${done}`;
  });
}
