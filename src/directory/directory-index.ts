import type { Directory, Group, Leader, Unit } from "./directory.js";

/** Name lookups over a directory: a unit or group by its name or any alias, a leader by name. */
export interface DirectoryIndex {
  unit(name: string): Unit | undefined;
  group(name: string): Group | undefined;
  leader(name: string): Leader | undefined;
  /** The units a group stands for; empty when the directory leaves it to the office. */
  expandGroup(name: string): Unit[];
}

export function indexDirectory(directory: Directory): DirectoryIndex {
  const units = new Map<string, Unit>();
  for (const unit of directory.units) {
    for (const name of [unit.name, ...unit.aliases]) units.set(name, unit);
  }
  const groups = new Map<string, Group>();
  for (const group of directory.groups) {
    for (const name of [group.name, ...group.aliases]) groups.set(name, group);
  }
  const leaders = new Map(directory.leaders.map((leader) => [leader.name, leader]));
  return {
    unit: (name) => units.get(name),
    group: (name) => groups.get(name),
    leader: (name) => leaders.get(name),
    expandGroup(name) {
      const group = groups.get(name);
      if (!group) return [];
      return group.members.map((member) => units.get(member)).filter((u): u is Unit => u !== undefined);
    },
  };
}

/** Names that would make lookups ambiguous, and group members that name no unit. */
export function findDirectoryConflicts(directory: Directory): string[] {
  const problems: string[] = [];
  const owner = new Map<string, string>();
  const claim = (name: string, by: string) => {
    const previous = owner.get(name);
    if (previous !== undefined && previous !== by) {
      problems.push(
        `"${name}" is used by both ${previous} and ${by}. Fix: keep the name on one of them only.`,
      );
    }
    owner.set(name, by);
  };
  directory.units.forEach((unit, i) => {
    for (const name of [unit.name, ...unit.aliases]) claim(name, `units[${i}] (${unit.name})`);
  });
  directory.groups.forEach((group, i) => {
    for (const name of [group.name, ...group.aliases]) claim(name, `groups[${i}] (${group.name})`);
  });
  const unitNames = new Set(directory.units.flatMap((u) => [u.name, ...u.aliases]));
  directory.groups.forEach((group, i) => {
    group.members.forEach((member, j) => {
      if (!unitNames.has(member)) {
        problems.push(
          `groups[${i}].members[${j}]: "${member}" is not a unit. Fix: add it under units, or remove it.`,
        );
      }
    });
  });
  const leaderNames = new Set<string>();
  directory.leaders.forEach((leader, i) => {
    if (leaderNames.has(leader.name)) {
      problems.push(`leaders[${i}]: "${leader.name}" is listed twice. Fix: keep one entry.`);
    }
    leaderNames.add(leader.name);
  });
  return problems;
}
