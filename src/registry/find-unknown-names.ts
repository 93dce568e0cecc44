import type { DirectoryIndex } from "../directory/directory-index.js";
import type { Registry } from "./registry.js";

/** Names the directory does not know, each once, in the order the notice first uses them. */
export interface UnknownNames {
  units: string[];
  groups: string[];
  /** Groups the directory lists without members: reminders reach only the host units. */
  emptyGroups: string[];
  leaders: string[];
}

/**
 * The same checks as `checkRegistryNames`, gathered by name rather than by task, so that the summary
 * can say "21个单位不在名录中" once instead of once per task.
 */
export function findUnknownNames(registry: Registry, directory: DirectoryIndex): UnknownNames {
  const found = {
    units: new Set<string>(),
    groups: new Set<string>(),
    emptyGroups: new Set<string>(),
    leaders: new Set<string>(),
  };
  for (const task of registry.tasks) {
    for (const name of [...task.hostUnits, ...task.coUnits]) if (!directory.unit(name)) found.units.add(name);
    for (const name of task.unitGroups) {
      if (!directory.group(name)) found.groups.add(name);
      else if (directory.expandGroup(name).length === 0) found.emptyGroups.add(name);
    }
    for (const name of task.leaders) if (!directory.leader(name)) found.leaders.add(name);
  }
  return {
    units: [...found.units],
    groups: [...found.groups],
    emptyGroups: [...found.emptyGroups],
    leaders: [...found.leaders],
  };
}
