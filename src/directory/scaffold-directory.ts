import { stringify } from "yaml";
import type { Registry } from "../registry/registry.js";
import type { Directory, Group, Unit } from "./directory.js";
import { guessUnitKind } from "./guess-unit-kind.js";

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
    leaders: [...leaderNames].map((name) => ({ name })),
    units,
    groups,
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

const HEADER = `# Duban directory (单位名录): units, groups, leaders and admins.
# Scaffolded by \`duban import --scaffold-directory\`. Fill in, for every unit, its contacts:
#   contacts:
#     - { name: 张三, role: contact, wecomUserId: zhangsan, dingtalkUserId: "0123456789" }
#     - { name: 李四, role: head, wecomUserId: lisi }
# role: contact (联络员, answers the reminders) or head (单位负责人, told when the unit is late).
# kind: department | town | street | park | command-group | external (guessed from the name; check it).
# aliases: other names notices use for the unit (区人社局 for 区人力资源和社会保障局).
# groups: what each group reference expands to; an empty members list means the office names
# the units per task (相关镇街, 区直有关部门). leaders and admins take wecomUserId / dingtalkUserId.
`;

export function directoryToYaml(directory: Directory): string {
  return HEADER + stringify(directory, { lineWidth: 0 });
}
