/** The field labels notices write, by what they carry (as the issue lists them; for diagnosis only). */
export const LEADER_LABELS = ["牵头领导", "责任领导", "分管领导", "联系领导", "牵头区领导", "包保领导"];
export const UNIT_LABELS = ["牵头单位", "主办单位", "责任单位", "承办单位", "主责单位", "牵头责任单位"];
export const CO_UNIT_LABELS = ["配合单位", "协办单位", "参与单位"];
export const DEADLINE_LABELS = ["完成时限", "时间节点", "完成时间", "时限要求"];

const ALL = [...LEADER_LABELS, ...UNIT_LABELS, ...CO_UNIT_LABELS, ...DEADLINE_LABELS]
  .sort((a, b) => b.length - a.length)
  .join("|");

/** "牵头单位：区工信局、区发改局" up to the next label or the end of the clause. */
export const LABELLED_VALUE = new RegExp(
  `(${ALL})\\s*[：:]\\s*([^。；;）)】\\]]*?)(?=[，,]?\\s*(?:${ALL})\\s*[：:]|[。；;）)】\\]]|$)`,
  "g",
);

/** Numbering that starts a task line: 1、 1. 1． （1） (1) ① — not a chapter heading (一、). */
export const TASK_NUMBERING = /^[\s\u3000]*(\d{1,3}\s*[、.．](?!\d)|[（(]\d{1,3}[）)]|[①-⑳])/;

/** The chapter and sub-chapter headings: 一、… and （一）…. */
export const HEADING_NUMBERING =
  /^[\s\u3000]*([一二三四五六七八九十]{1,3}[、.．]|[（(][一二三四五六七八九十]{1,3}[）)])/;

/** Any numbering a task may carry, (一) and 一、 included where a section numbers its tasks so. */
export const ANY_NUMBERING =
  /^[\s\u3000]*(\d{1,3}\s*[、.．](?!\d)|[（(]\d{1,3}[）)]|[①-⑳]|[（(][一二三四五六七八九十]{1,3}[）)]|[一二三四五六七八九十]{1,3}[、.．])/;
