/**
 * Owners a heading gives to every task under it: "二、李某某副县长牵头的工作" (a leader),
 * "三、县开发区管委会牵头工作（5项）" and "（三）由区住建局牵头" (a host unit).
 */
export interface HeadingOwners {
  leaders: string[];
  hostUnits: string[];
}

/** "…牵头的工作", "…牵头工作（5项）", "由…牵头", "…负责的任务". */
const OWNED = /^(?:由)?(.{2,30}?)(?:同志)?(?:牵头|负责)(?:的)?(?:工作|任务|事项)?(?:[（(]\s*\d+\s*项[）)])?$/;
/** Titles that follow a leader's name: 县长, 副区长, 常务副市长, 书记, 主任, 部长… */
const LEADER_TITLE =
  /(?:常务)?(?:副)?(?:县长|区长|市长|镇长|书记|主任|部长|主席|秘书长|政委|调研员|组长)$|(?:县|区|市)(?:委)?(?:常委|领导)$/;
/** "常务副县长赵刚": the title before the name. */
const TITLE_FIRST =
  /^(?:(?:常务)?副?(?:县|区|市)长|(?:县|区|市)委(?:常委|副书记|书记))([\u4e00-\u9fa5]{2,3})$/;
/** Words that end a unit's name: 局, 委, 办, 管委会, 中心, 政府… */
const UNIT_END =
  /(局|委|办|办公室|管委会|委员会|中心|政府|部|院|公司|集团|街道|镇|乡|所|站|队|社|处|会|指挥部|园区|分局)$/;

/** The owners a heading names, or undefined when it names none. */
export function readHeadingOwners(title: string): HeadingOwners | undefined {
  const match = OWNED.exec(title.trim());
  const owner = match?.[1]?.trim();
  if (!owner) return undefined;
  const titleFirst = TITLE_FIRST.exec(owner);
  if (titleFirst) return { leaders: [titleFirst[1] as string], hostUnits: [] };
  if (LEADER_TITLE.test(owner)) {
    const name = owner.replace(LEADER_TITLE, "").replace(LEADER_TITLE, "");
    return name.length >= 2 && name.length <= 4 ? { leaders: [name], hostUnits: [] } : undefined;
  }
  if (UNIT_END.test(owner)) return { leaders: [], hostUnits: owner.split(/[、，,]/).filter(Boolean) };
  return undefined;
}

/** "县开发区管委会牵头工作（5项）" → "县开发区管委会牵头工作": the count is not part of the title. */
export function withoutTaskCount(title: string): string {
  return title.replace(/[（(]\s*\d+\s*项\s*[）)]$/, "").trim();
}
