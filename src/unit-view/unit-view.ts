import type { Assignment } from "../registry/compute-assignments.js";
import type { Task } from "../registry/registry.js";
import type { ProgressReport, ProgressValue } from "../store/progress-report.js";
import type { WorkflowRequest } from "../store/workflow-request.js";
import type { WorkflowState } from "./workflow-state.js";

/** The latest value a unit reported for one indicator, and when. */
export interface Actual extends ProgressValue {
  cycle: string;
  reportedAt: string;
}

/** A difficulty the unit reported that nobody has marked resolved yet: its report. */
export type OpenDifficulty = ProgressReport;

/**
 * Everything Duban knows about one unit's part in one task, read from the store in one go:
 * what confirmations, decision cards, lights and reminder cards show.
 */
export interface UnitView {
  task: Task;
  unit: string;
  role: Assignment["role"];
  /** Every progress record of the unit (签收 included), oldest first. */
  records: ProgressReport[];
  /** The records that are reports (签收 left out), oldest first. */
  reports: ProgressReport[];
  /** The unit's latest progress report: a request (申请办结) never takes its place. */
  latest?: ProgressReport;
  /**
   * The latest 有困难 report while it is open: until an admin marks it resolved or the unit
   * reports it solved (a `difficulty-resolved` record after it), whatever else is reported.
   */
  difficulty?: OpenDifficulty;
  /** Whether the unit has 签收'd or reported anything on the task. */
  acknowledged: boolean;
  /** By indicator index: the latest value reported for it, whichever report carried it. */
  actuals: Map<number, Actual>;
  /** The latest percent complete reported. */
  percent?: number;
  /** The unit's completion and extension requests, oldest first. */
  requests: WorkflowRequest[];
  state: WorkflowState;
  /** The deadline in force: the task's, or the latest approved extension's. */
  deadline: string;
  /** How many extensions the office has approved for the unit. */
  extensions: number;
  /** For a host unit, the roll-up: each co-unit of the task with its latest report, if any. */
  coUnits: { unit: string; latest?: ProgressReport }[];
}
