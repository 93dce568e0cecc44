import { loadConfig } from "../config/load-config.js";
import { InputError } from "../shared/errors.js";
import { createLogger } from "../shared/logger.js";
import { runSimulation } from "../simulate/run-simulation.js";
import { openStore } from "../store/open-store.js";
import { message } from "../templates/template-store.js";
import { parseDateRange } from "./parse-date-range.js";
import { storeDefaults } from "./store-defaults.js";

export interface SimulateOptions {
  from: string;
  to: string;
  replyRate: string;
  seed: string;
  json?: boolean;
  store?: string;
}

export async function simulate(options: SimulateOptions): Promise<string> {
  parseDateRange(options);
  const replyRate = Number(options.replyRate);
  if (!(replyRate >= 0 && replyRate <= 1))
    throw new InputError(`--reply-rate ${options.replyRate}: give a number from 0 to 1.`);
  const seed = Number(options.seed);
  if (!Number.isInteger(seed)) throw new InputError(`--seed ${options.seed}: give a whole number.`);
  const config = loadConfig();
  const source = await openStore({ ...storeDefaults(), ...(options.store ? { spec: options.store } : {}) });
  const started = process.hrtime.bigint();
  try {
    const totals = await runSimulation({
      config,
      source,
      from: options.from,
      to: options.to,
      replyRate,
      seed,
      logger: createLogger({ level: "error" }),
    });
    const elapsed = Number(process.hrtime.bigint() - started) / 1e9;
    if (options.json) return JSON.stringify({ ...totals, elapsedSeconds: elapsed }, null, 2);
    return message("cli/simulate", "summary", {
      ...options,
      replyRate,
      ...totals,
      first: totals.perStep.first ?? 0,
      due: totals.perStep.due ?? 0,
      overdue: totals.perStep.overdue ?? 0,
      escalation: totals.perStep.escalation ?? 0,
      coRequest: totals.perStep["co-request"] ?? 0,
      answer: totals.perStep.answer ?? 0,
      notice: totals.perStep.notice ?? 0,
      longestOutboxLag: formatLag(totals.longestOutboxLagMs),
      ...totals.outbox,
      elapsed: elapsed.toFixed(1),
    });
  } finally {
    await source.close();
  }
}

function formatLag(ms: number): string {
  if (ms < 60_000) return `${Math.round(ms / 1000)}秒`;
  if (ms < 3_600_000) return `${Math.round(ms / 60_000)}分钟`;
  return `${(ms / 3_600_000).toFixed(1)}小时`;
}
