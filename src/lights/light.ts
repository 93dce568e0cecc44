/** A unit's light on a task, with the reasons in words ("红：报送逾期3个工作日"). */
export interface Light {
  color: LightColor;
  /** The reasons for this colour, most serious first; a green light has one saying why. */
  reasons: string[];
  /** Colour and reasons in one line, as shown to people. */
  text: string;
}

export type LightColor = "green" | "yellow" | "red";

/** What the light is judged from; computeLight is pure over it. */
export interface LightInput {
  /** The day judged, in the business time zone. */
  date: string;
  role: "host" | "co";
  /** The deadline in force (an approved extension moves it). */
  deadline: string;
  completed: boolean;
  completionPending: boolean;
  /**
   * The last report due before `date` (for a co-unit, its input date), with the day the unit
   * first reported for it or a later cycle; undefined when nothing was due yet.
   */
  lastDue?: { cycle: string; due: string; reportedOn?: string };
  /** Working days from the last due date to `date` (calendar.workingDaysBetween). */
  overdueDays: number;
  /** Working days from the deadline to `date`. */
  pastDeadlineDays: number;
  /**
   * The note of the open difficulty (有困难), until it is marked resolved: later progress reports
   * do not close it. `byOffice` when the office reported it for the unit (代报).
   */
  difficulty?: string;
  difficultyByOffice?: boolean;
  /** Numeric progress: each "at least" indicator's actual as a share of its target, and the percent complete. */
  measures: { label: string; share: number }[];
  /** "At most" indicators whose actual is above the limit. */
  exceeded: { label: string; actual: string; limit: string }[];
  /** 序时进度: the elapsed share of the working days of the task's year, 0–100. */
  pace: number;
}
