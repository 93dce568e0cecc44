import type { DirectoryIndex } from "../directory/directory-index.js";
import { message } from "../templates/template-store.js";
import type { Problem, Registry } from "./registry.js";

/** Every unit, group and leader a registry names that the directory does not know (or leaves empty). */
export function checkRegistryNames(registry: Registry, directory: DirectoryIndex): Problem[] {
  const problems: Problem[] = [];
  const report = (line: number, key: string, no: number, name: string) =>
    problems.push({ line, message: message("import/problems", key, { no, name }) });
  for (const task of registry.tasks) {
    for (const name of [...task.hostUnits, ...task.coUnits]) {
      if (!directory.unit(name)) report(task.line, "unknownUnit", task.no, name);
    }
    for (const name of task.unitGroups) {
      const group = directory.group(name);
      if (!group) report(task.line, "unknownGroup", task.no, name);
      else if (directory.expandGroup(name).length === 0) report(task.line, "emptyGroup", task.no, name);
    }
    for (const name of task.leaders) {
      if (!directory.leader(name)) report(task.line, "unknownLeader", task.no, name);
    }
  }
  return problems;
}
