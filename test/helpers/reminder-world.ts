import { createChineseDaysCalendar } from "../../src/calendar/chinese-days-calendar.js";
import type { ReportingCycle } from "../../src/calendar/reporting-cycle.js";
import { COMMON_LIMITS } from "../../src/channels/channel-limits.js";
import { DEFAULT_REMINDER_SETTINGS } from "../../src/config/reminder-settings.js";
import { indexDirectory } from "../../src/directory/directory-index.js";
import { parseDirectory } from "../../src/directory/load-directory.js";
import { indexPeople, type Person } from "../../src/directory/people.js";
import { computeAssignments } from "../../src/registry/compute-assignments.js";
import type { ReminderWorld } from "../../src/reminders/plan-reminders.js";
import { noticeWith, parseText } from "./notice.js";

export const SMALL_DIRECTORY = `
admins: [{ name: 督办员, wecomUserId: admin1 }]
leaders: [{ name: 张三, wecomUserId: leader1 }]
units:
  - name: 区财政局
    kind: department
    contacts:
      - { name: 联络员甲, role: contact, wecomUserId: c1 }
      - { name: 局长甲, role: head, wecomUserId: h1 }
  - name: 大安镇
    kind: town
    contacts:
      - { name: 联络员乙, role: contact, wecomUserId: c2 }
      - { name: 镇长乙, role: head, wecomUserId: h2 }
  - name: 酒仙桥街道
    kind: street
    contacts:
      - { name: 联络员丙, role: contact, wecomUserId: c3 }
groups:
  - { name: 各镇街, members: [大安镇, 酒仙桥街道] }
`;

export interface WorldState {
  reported: Set<string>;
  closed: Set<string>;
  away: Map<string, { until: string; substitute: string }>;
  snoozed: Map<string, string>;
  deadlines: Map<string, string>;
}

/** A reminder world over a one-task notice, with mutable state the tests change. */
export function buildWorld(
  taskLine = "1、加强监管（牵头领导：张三。承办单位：区财政局，各镇街）",
  cycle: ReportingCycle = { kind: "monthly", day: 25 },
) {
  const registry = parseText(noticeWith(taskLine));
  const directory = parseDirectory(SMALL_DIRECTORY, "small.yaml");
  const people = indexPeople(directory);
  const state: WorldState = {
    reported: new Set(),
    closed: new Set(),
    away: new Map(),
    snoozed: new Map(),
    deadlines: new Map(),
  };
  const world: ReminderWorld = {
    tasks: new Map(registry.tasks.map((t) => [t.no, t])),
    assignments: computeAssignments(registry, indexDirectory(directory)),
    people,
    calendar: createChineseDaysCalendar(),
    settings: DEFAULT_REMINDER_SETTINGS,
    cycleFor: () => cycle,
    start: "2021-01-21",
    channelFor: (p: Person) => (p.accounts.wecom ? "wecom" : undefined),
    limits: COMMON_LIMITS,
    reported: (no, unit, c) => state.reported.has(`${no}/${unit}/${c}`),
    closed: (no, unit) => state.closed.has(`${no}/${unit}`),
    muted: () => false,
    deadline: (task, unit) => state.deadlines.get(`${task.no}/${unit}`) ?? task.deadline,
    substituteFor: (p, date) => {
      const away = state.away.get(p.personId);
      return away && date <= away.until ? people.byId(away.substitute) : undefined;
    },
    snoozedUntil: (p) => state.snoozed.get(p.personId),
  };
  return { world, state, people, registry };
}
