import { dump } from "js-yaml";
import type { Directory, Group, Unit } from "../directory/directory.js";
import { guessUnitKind } from "../directory/guess-unit-kind.js";
import { renderFile } from "../templates/template-store.js";
import type { Registry } from "./registry.js";

/**
 * A directory with every unit, group and leader the registry names, ready for the office to fill
 * in: contacts, platform ids, aliases, and the members of groups it could not work out.
 */
export function scaffoldDirectory(registry: Registry): Directory {
  const unitNames = new Set<string>();
  const groupNames = new Set<string>();
  const leaderNames = new Set<string>();
  for (const task of registry.tasks) {
    for (const name of [...task.hostUnits, ...task.coUnits]) unitNames.add(name);
    for (const name of task.unitGroups) groupNames.add(name);
    for (const name of task.leaders) leaderNames.add(name);
  }
  const units: Unit[] = [...unitNames].map((name) => ({
    name,
    kind: guessUnitKind(name),
    aliases: [],
    contacts: [],
  }));
  const groups: Group[] = [...groupNames].map((name) => ({
    name,
    aliases: [],
    members: guessMembers(name, units),
  }));
  return {
    demo: false,
    office: { name: "督考办" },
    admins: [],
    leaders: [...leaderNames].map((name) => ({ name, accounts: {} })),
    units,
    groups,
    chats: [],
  };
}

/** Only groups that say "all of a kind" can be expanded; 相关/有关 ones are the office's call. */
function guessMembers(group: string, units: readonly Unit[]): string[] {
  if (/^(相关|有关)|有关|相关/.test(group)) return [];
  const of = (...kinds: string[]) => units.filter((u) => kinds.includes(u.kind)).map((u) => u.name);
  if (/^各(乡)?镇(街|（街道）|、街道)/.test(group)) return of("town", "street");
  if (/^各(乡)?镇$/.test(group)) return of("town");
  if (/^各街道/.test(group)) return of("street");
  if (/^(区|县|市)直各部门/.test(group)) return of("department");
  return [];
}

export function directoryToYaml(directory: Directory): string {
  return renderFile("directory/scaffold-header.txt", {}) + dump(directory, { lineWidth: -1 });
}
