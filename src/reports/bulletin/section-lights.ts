import { messages } from "../../templates/template-store.js";
import type { SectionLights } from "../charts/section-lights-chart.js";
import type { Bulletin } from "./collect-bulletin.js";

const ledger = messages("ledger");

/**
 * The bulletin's tasks per section for the lights chart: 已办结 for a task in the class 已完成,
 * else the task's most serious light. So a section's green bar is its 超进度 and 达进度 tasks, and
 * its yellow and red bars its 欠进度 and 逾期 tasks: the chart agrees with the counts.
 */
export function sectionLights(bulletin: Pick<Bulletin, "sections" | "tasks">): SectionLights[] {
  return bulletin.sections
    .map((section) => {
      const row: Required<SectionLights> = {
        section: ledger("sectionName", section),
        green: 0,
        yellow: 0,
        red: 0,
        completed: 0,
      };
      for (const { task, taskClass, light } of bulletin.tasks) {
        if (task.section !== section.title) continue;
        if (taskClass === "completed") row.completed++;
        else row[light]++;
      }
      return row;
    })
    .filter((row) => row.green + row.yellow + row.red + row.completed > 0);
}
