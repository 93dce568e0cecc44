import { toLines } from "../../src/registry/decode-text.js";
import { parseNotice } from "../../src/registry/parse-notice.js";
import type { Registry } from "../../src/registry/registry.js";

export const SEED_PATH = new URL("../../../shared/seed/yanzhou-2021-work-report-tasks.txt", import.meta.url)
  .pathname;

/** Parses notice text written inline in a test (a fixed `now` keeps the fallback year stable). */
export function parseText(text: string, options: { year?: number } = {}): Registry {
  return parseNotice(toLines(text), { now: new Date("2021-01-01T00:00:00Z"), ...options });
}

/** A minimal notice around the given body lines, so a test states only what it is about. */
export function noticeWith(...body: string[]): string {
  return ["关于分解落实2021年政府工作报告任务目标的通知", "", "一、推动发展", ...body].join("\n");
}
