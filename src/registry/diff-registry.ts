import type { Registry, Task } from "./registry.js";

export interface RegistryDiff {
  added: Task[];
  removed: Task[];
  changed: { before: Task; after: Task; fields: (keyof Task)[] }[];
  unchanged: number;
}

/** Fields whose change matters to the office; `line` moves whenever text above it changes. */
export const COMPARED: readonly (keyof Task)[] = [
  "section",
  "subsection",
  "text",
  "leaders",
  "hostUnits",
  "coUnits",
  "unitGroups",
  "indicators",
  "deadline",
];

/** What a re-import changes, task by task (tasks are matched by their printed number). */
export function diffRegistry(before: Registry | undefined, after: Registry): RegistryDiff {
  const old = new Map((before?.tasks ?? []).map((t) => [t.no, t]));
  const diff: RegistryDiff = { added: [], removed: [], changed: [], unchanged: 0 };
  for (const task of after.tasks) {
    const previous = old.get(task.no);
    old.delete(task.no);
    if (!previous) {
      diff.added.push(task);
      continue;
    }
    const fields = COMPARED.filter((f) => JSON.stringify(previous[f]) !== JSON.stringify(task[f]));
    if (fields.length > 0) diff.changed.push({ before: previous, after: task, fields });
    else diff.unchanged++;
  }
  diff.removed = [...old.values()];
  return diff;
}
