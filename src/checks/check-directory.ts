import type { Directory } from "../directory/directory.js";
import { message } from "../templates/template-store.js";
import { listNames } from "./list-names.js";
import type { StartupWarning } from "./startup-warning.js";

/**
 * What the directory lacks for reminders to reach people: a scaffolded directory names every unit
 * and leader but no one to write to, and the service would otherwise run without a word about it.
 * `file` is where the office fills it in, as shown to them.
 */
export function checkDirectory(directory: Directory, file: string): StartupWarning[] {
  const warnings: StartupWarning[] = [];
  if (directory.demo)
    warnings.push({ code: "demo_directory", count: 1, text: message("checks", "demoDirectory", { file }) });
  const silent = directory.units.filter((unit) => unit.contacts.length === 0).map((unit) => unit.name);
  if (silent.length > 0) {
    warnings.push({
      code: "units_without_contacts",
      count: silent.length,
      text: message("checks", "unitsWithoutContacts", {
        count: silent.length,
        names: listNames(silent),
        file,
      }),
    });
  }
  const unreachable = directory.leaders
    .filter((leader) => Object.keys(leader.accounts).length === 0)
    .map((leader) => leader.name);
  if (unreachable.length > 0) {
    warnings.push({
      code: "leaders_without_ids",
      count: unreachable.length,
      text: message("checks", "leadersWithoutIds", {
        count: unreachable.length,
        names: listNames(unreachable),
        file,
      }),
    });
  }
  return warnings;
}
