import { boundOf, UNITS } from "./extract-indicators.js";
import type { Target } from "./registry.js";

const VERBS =
  /(增长|增加|提高|提升|达到|下降|降低|减少|控制在|突破|超过|不低于|不超过|稳定在|保持在|降至|降到)/g;
/** Verbs that set a ceiling when the clause has no 以上/以内 of its own. */
const MAX_VERBS = new Set(["控制在", "不超过", "降至", "降到"]);
const VALUE = new RegExp(
  `(\\d+(?:\\.\\d+)?)(${UNITS.map((u) => u.replace(/[%.*+?^${}()|[\]\\/]/g, "\\$&")).join("|")})`,
  "g",
);
/** 3%—5%: two values joined by a dash are one target's floor and ceiling. */
const RANGE = /^[—－~～至到-]{1,2}$/;

export type TargetParse = { targets: Target[]; unread: string[] };

/**
 * Reads the opening section's main targets (主要预期目标): "地区生产总值增长6%以上，…，城镇、农村居民
 * 人均可支配收入分别增长6%、7%以上" gives one target per subject. Clauses it cannot read are returned.
 */
export function parseTargets(list: string): TargetParse {
  const targets: Target[] = [];
  const unread: string[] = [];
  for (const clause of list.split(/[，；;。]/).map((c) => c.trim())) {
    if (clause === "") continue;
    const values = [...clause.matchAll(VALUE)];
    // The verb is the last one before the first number: 规模以上工业增加值「增长」8%, not 「增加」值.
    const firstValueAt = values[0]?.index ?? 0;
    const verb = [...clause.matchAll(VERBS)].filter((m) => m.index < firstValueAt).pop();
    if (!verb || values.length === 0) {
      unread.push(clause);
      continue;
    }
    const subjectPart = clause
      .slice(0, verb.index)
      .replace(/分别$/, "")
      .replace(/^(全年|年内)/, "");
    const tail = clause.slice(
      (values[values.length - 1]?.index ?? 0) + (values[values.length - 1]?.[0].length ?? 0),
    );
    const suffix = /^(以上|以内|以下|左右)/.exec(tail)?.[1] ?? "";
    const subjects = expandSubjects(subjectPart);
    if (subjects.length !== values.length) {
      if (subjects.length > 1) {
        unread.push(clause);
        continue;
      }
    }
    const [first, second] = values;
    const between = first && second ? clause.slice(first.index + first[0].length, second.index) : undefined;
    if (values.length === 2 && subjects.length === 1 && between !== undefined && RANGE.test(between)) {
      const subject = subjects[0] as string;
      const text = clause.slice(verb.index);
      for (const [value, bound] of [
        [first, "min"],
        [second, "max"],
      ] as const) {
        const unit = value?.[2] === "％" ? "%" : (value?.[2] as string);
        targets.push({ text: `${subject}${text}`, subject, value: Number(value?.[1]), unit, bound });
      }
      continue;
    }
    values.forEach((value, i) => {
      const subject = subjects.length === values.length ? (subjects[i] as string) : (subjects[0] as string);
      const unit = value[2] === "％" ? "%" : (value[2] as string);
      targets.push({
        text: `${subject}${verb[1]}${value[1]}${unit}${suffix}`,
        subject,
        value: Number(value[1]),
        unit,
        bound: boundOf(suffix, MAX_VERBS.has(verb[1] as string) ? "控制在" : ""),
      });
    });
  }
  return { targets, unread };
}

/** "城镇、农村居民人均可支配收入" → the two full subjects, sharing the last item's tail. */
function expandSubjects(part: string): string[] {
  const items = part
    .split("、")
    .map((s) => s.trim())
    .filter(Boolean);
  const last = items[items.length - 1];
  if (items.length < 2 || last === undefined) return items;
  // The earlier items replace the last item's head of the same length: 城镇 ↔ 农村.
  return items.map((item, i) =>
    i < items.length - 1 && last.length > item.length ? `${item}${last.slice(item.length)}` : item,
  );
}
