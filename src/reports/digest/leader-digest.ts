import type { LightColor } from "../../lights/light.js";
import type { Task } from "../../registry/registry.js";
import type { ProgressReport } from "../../store/progress-report.js";

/** How many of a leader's tasks, or of their units' parts, stand at each light, and how many are done. */
export interface LightCounts {
  red: number;
  yellow: number;
  green: number;
  /** 已办结: not counted under a colour. */
  completed: number;
}

/** Units of one task with the same colour for the same reasons: one line of the digest. */
export interface DigestAlert {
  task: Task;
  color: Exclude<LightColor, "green">;
  /** Short unit names (the directory's first alias). */
  units: string[];
  reasons: string[];
  /**
   * Set when the units' only reason is a report not given (报送逾期): they are named under the
   * units that have not reported, so the line only counts them. The most working days late.
   */
  lateDays?: number;
}

/** Something that happened between the previous digest and this one. */
export type DigestChange =
  | { kind: "report"; at: string; task: Task; unit: string; report: ProgressReport }
  | { kind: "light"; task: Task; unit: string; from: LightColor; to: LightColor }
  | { kind: "completion"; at: string; task: Task; unit: string }
  | {
      kind: "extension";
      at: string;
      task: Task;
      unit: string;
      decision: "approved" | "rejected" | "returned";
      newDeadline?: string;
    };

/** Units of one task that have not given the report last due. */
export interface SilentUnits {
  task: Task;
  cycle: string;
  due: string;
  units: string[];
  /** The most working days any of them is late. */
  days: number;
}

/** What falls due on one day for one task: a report some units still owe, or the deadline. */
export interface UpcomingDue {
  date: string;
  task: Task;
  kind: "report" | "deadline";
  /** The reporting cycle, for a report. */
  cycle?: string;
  units: string[];
}

/** A numeric target's progress against 序时进度 for one unit. */
export interface PaceRow {
  task: Task;
  /** The unit's short name. */
  unit: string;
  /** What is measured ("城镇新增就业"), or "" for the percent complete. */
  measure: string;
  /** Reported actual as a share of the target, 0–100+ (the percent complete for `measure` ""). */
  share: number;
  /** 序时进度 against the unit's deadline in force. */
  pace: number;
}

/**
 * One lead leader's weekly digest as of its send instant: only the tasks they lead. `paceRows` and
 * `pace` are what a pace chart is drawn from (label and share per bar, and the year's 序时进度 line).
 */
export interface LeaderDigest {
  leader: string;
  /** The ISO week ("2021-W14"). */
  week: string;
  /** When it is sent (an ISO instant), and the day that is in Beijing time. */
  at: string;
  date: string;
  /** The previous digest's send instant: changes are counted from there. */
  since: string;
  tasks: Task[];
  /** Tasks by their worst light among the units still at work; 已办结 when every host unit is done. */
  taskCounts: LightCounts;
  /** Units' parts in those tasks. */
  unitCounts: LightCounts;
  /** Reds first, then yellows, each by task number. */
  alerts: DigestAlert[];
  changes: DigestChange[];
  silent: SilentUnits[];
  upcoming: UpcomingDue[];
  paceDetails: PaceRow[];
  paceRows: { label: string; share: number }[];
  /** 序时进度 of the year on `date`, 0–100. */
  pace: number;
}
