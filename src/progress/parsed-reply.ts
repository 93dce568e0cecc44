import type { ProgressValue } from "../store/progress-report.js";

/** What a progress reply says, once read against its task's indicators. */
export type ParsedReply =
  | {
      kind: "report";
      /** One value per indicator at most, in the unit the reporter wrote. */
      values: ProgressValue[];
      /** Percent complete ("完成80%", "已完成年度目标的80%"). */
      percent?: number;
      /** The reply as written (without the task number): the report's text. */
      note: string;
    }
  | { kind: "question"; question: ReplyQuestion };

/**
 * Why a reply cannot be recorded as it stands; each becomes a precise question back
 * (templates/progress.yaml, `question.<code>`). Nothing is recorded until it is clear.
 */
export type ReplyQuestion =
  /** Nothing after the task number. */
  | { code: "empty" }
  /** "收到", "好的": not a report. */
  | { code: "chatter" }
  /** A number whose unit fits several indicators equally well ("150公里" on task 34). */
  | { code: "unit-ambiguous"; written: string; candidates: string[] }
  /** A percentage that may be a % indicator or the percent complete ("52 2.9%"). */
  | { code: "percent-ambiguous"; written: string; indicator: string }
  /** A percent complete above 100. */
  | { code: "percent-over"; written: string }
  /**
   * No value for any indicator (nor a percent complete) on a task that has indicators: recording
   * it would make a reply without numbers the latest report ("52 正在推进").
   */
  | { code: "no-values"; indicators: string[] }
  /** Two different numbers for one indicator, neither clearly meant. */
  | { code: "values-conflict"; indicator: string; written: string[] };
