import type { DirectoryIndex } from "../directory/directory-index.js";
import type { Assignment } from "./assignment.js";
import type { Registry } from "./registry.js";

export type { Assignment };

/**
 * Which units answer for which task. Host units are hosts; co-units and the members of group
 * references (各镇街…) are co-units — except for a task that names no host unit, where the group's
 * members answer for it themselves. A unit named twice keeps its strongest role. Names the directory
 * does not know are kept as written (the import reports them as problems).
 */
export function computeAssignments(registry: Registry, directory: DirectoryIndex): Assignment[] {
  const assignments: Assignment[] = [];
  for (const task of registry.tasks) {
    const roles = new Map<string, Assignment["role"]>();
    const put = (name: string, role: Assignment["role"]) => {
      const unit = directory.unit(name)?.name ?? name;
      if (roles.get(unit) !== "host") roles.set(unit, role);
    };
    for (const name of task.hostUnits) put(name, "host");
    for (const name of task.coUnits) put(name, "co");
    const groupRole = task.hostUnits.length === 0 ? "host" : "co";
    for (const group of task.unitGroups) {
      for (const unit of directory.expandGroup(group)) put(unit.name, groupRole);
    }
    for (const [unit, role] of roles) assignments.push({ taskNo: task.no, unit, role });
  }
  return assignments;
}
