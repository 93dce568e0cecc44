// biome-ignore-all lint/suspicious/noTemplateCurlyInString: keys are quoted as the source writes them.
import { COMMANDS } from "../../../src/commands/registry.js";
import { COMPARED } from "../../../src/registry/diff-registry.js";
import type { ComputedKeys } from "./check-template-uses.js";

/** Each command's words, named in its spec (src/commands/*-command.ts). */
const commandKeys = (field: "summary" | "usage" | "example") => COMMANDS.map((spec) => spec.text[field]);

/**
 * The keys src/ computes in ways find-template-uses.ts does not follow (a key from a typed field, a
 * function's result, a union type imported from another file), each with every key it can be.
 * A new computed key fails template-keys.test.ts until it is listed here.
 */
export const COMPUTED_KEYS: readonly ComputedKeys[] = [
  { file: "src/commands/help-command.ts", key: "c.text.usage", keys: commandKeys("usage") },
  { file: "src/commands/help-command.ts", key: "c.text.summary", keys: commandKeys("summary") },
  { file: "src/commands/run-command.ts", key: "spec.text.usage", keys: commandKeys("usage") },
  { file: "src/commands/run-command.ts", key: "spec.text.example", keys: commandKeys("example") },
  { file: "src/commands/args/answer-arg-problem.ts", key: "spec.text.usage", keys: commandKeys("usage") },
  { file: "src/commands/args/answer-arg-problem.ts", key: "spec.text.example", keys: commandKeys("example") },
  {
    file: "src/cli/run-outbox.ts",
    key: "`status${target.status}`",
    keys: ["statuspending", "statusclaimed", "statusfailed", "statussent", "statusdead"],
  },
  {
    file: "src/cli/run-outbox.ts",
    key: "`status${m.status}`",
    keys: ["statuspending", "statusclaimed", "statusfailed", "statussent", "statusdead"],
  },
  {
    file: "src/cli/run-plan.ts",
    key: "`step${r.step}`",
    keys: ["stepfirst", "stepdue", "stepoverdue", "stepescalation", "stepco-request"],
  },
  {
    file: "src/cli/run-plan.ts",
    key: "`role${r.recipient.role}`",
    keys: ["rolecontact", "rolehead", "roleleader", "roleadmin"],
  },
  // A channel without a name in templates/channels.yaml is named as configured: the code catches the miss.
  {
    file: "src/channels/channel-label.ts",
    key: "`name.${channel}`",
    keys: ["name.local", "name.wecom", "name.dingtalk"],
  },
  { file: "src/lights/compute-light.ts", key: "worst", keys: ["green", "yellow", "red"] },
  {
    file: "src/registry/check-import-safety.ts",
    key: "kind",
    keys: ["noTasks", "removesMany", "yearChanged"],
  },
  {
    file: "src/registry/describe-reading.ts",
    key: "`${field}.${rule}`",
    keys: [
      "number.printed",
      "number.renumbered",
      "leaders.annotation",
      "leaders.fieldLines",
      "leaders.heading",
      "hosts.lead",
      "hosts.bold",
      "hosts.first",
      "hosts.heading",
      "hosts.phrase",
      "deadline.label",
      "deadline.labelFirstMilestone",
      "deadline.inText",
      "deadline.yearEnd",
    ],
  },
  {
    file: "src/registry/explain-task.ts",
    key: "`bound.${i.bound}`",
    keys: ["bound.min", "bound.max", "bound.exact"],
  },
  // The fields diff-registry.ts compares.
  {
    file: "src/registry/summarize-import.ts",
    key: "f",
    keys: [...COMPARED],
  },
  {
    file: "src/registry/summarize-import.ts",
    key: "`year.${year.source}`",
    keys: [
      "year.option",
      "year.title",
      "year.docNo",
      "year.issuedOn",
      "year.cells",
      "year.body",
      "year.fileName",
    ],
  },
  {
    file: "src/registry/summarize-import.ts",
    key: "`names.${kind}`",
    keys: ["names.units", "names.groups", "names.emptyGroups", "names.leaders"],
  },
  {
    file: "src/calendar/format-dates.ts",
    key: "`weekday${isoWeekday(date)}`",
    keys: ["weekday1", "weekday2", "weekday3", "weekday4", "weekday5", "weekday6", "weekday7"],
  },
];
