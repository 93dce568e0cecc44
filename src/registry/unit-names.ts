import { type Span, splitSpans, trimSpan } from "./source-line.js";

/**
 * Group references stand for several units and are kept as written (各镇街, 相关镇街, 区直有关部门…);
 * the directory says what each expands to.
 */
const GROUP_PATTERNS = [
  /^各/, // 各镇街, 各镇, 各乡镇（街道）, 各金融机构, 各部门
  /^(相关|有关|其他|其它)/, // 相关镇街, 有关部门
  /^(全区|全县|全市)/,
  /^(区|县|市|省)(直|属)(各|有关|相关)?(部门|单位)/, // 区直各部门, 县直有关部门, 区直相关部门
  /^(驻.{1,4})(各|有关|相关)?(单位|部门)$/, // 驻兖各单位
];

export function isGroupName(name: string): boolean {
  return GROUP_PATTERNS.some((pattern) => pattern.test(name));
}

/** A sentence the notice puts among the units that explains them ("黑体为主办单位，其他为协办单位，下同"). */
export function isUnitNote(text: string): boolean {
  return /(黑体|加粗|粗体).{0,6}(主办|牵头)|列第一位|排名第一|下同$/.test(text);
}

/**
 * Splits a list of unit names on 、 and ， (never inside brackets), drops a trailing 等,
 * and keeps "各乡镇、街道" together as one group.
 */
export function splitUnitList(list: Span): Span[] {
  const items: Span[] = [];
  for (const raw of splitSpans(list, "、，,;；")) {
    const item = trimSpan(raw);
    let text = item.text.replace(/(等|等单位|等部门)$/, "");
    text = text.replace(/^(和|及|以及)/, "");
    if (text === "") continue;
    const previous = items[items.length - 1];
    if (/^(街道|街道办事处)$/.test(text) && previous && /^各.*(乡镇|镇)$/.test(previous.text)) {
      previous.text = `${previous.text}、${text}`;
      continue;
    }
    items.push({ text, start: item.start + (item.text.startsWith(text) ? 0 : item.text.indexOf(text)) });
  }
  return items;
}

/** Leader names: split on 、，, and spaces. */
export function splitNames(list: string): string[] {
  return (
    list
      // "钱进（县委常委、宣传部部长）": a title in brackets is not a name, and its 、 splits nothing.
      .replace(/[（(][^（）()]*[）)]/g, "")
      .split(/[、，,;；\s\u3000]+/)
      .map((name) => withoutTitle(name.replace(/(等|同志)$/, "").trim()))
      .filter((name) => name !== "")
  );
}

/** Titles written after a leader's name: 副区长, 常务副县长, 区委常委, 书记, 主任… */
const LEADER_TITLE =
  /(?:常务)?副?(?:区|县|市|镇|乡)长$|(?:区|县|市)委(?:常委|副书记|书记)$|副?(?:书记|主任|部长|秘书长|调研员|主席)$/;

/** "刘洋副区长" → "刘洋"; a name that would be left shorter than two characters stays as written. */
export function withoutTitle(name: string): string {
  const bare = name.replace(LEADER_TITLE, "");
  return bare.length >= 2 ? bare : name;
}

/** "区发改局（牵头）": a unit marked as the lead inside a list of responsible units. */
const LEAD_MARK = /\s*[（(](?:牵头|主办|牵头单位|主办单位|牵头部门)[）)]$/;

export function readLeadMark(name: string): { name: string; lead: boolean } {
  return LEAD_MARK.test(name) ? { name: name.replace(LEAD_MARK, ""), lead: true } : { name, lead: false };
}
