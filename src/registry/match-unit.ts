/** Scale prefixes a unit may be written with: 1.2万人 is 12000 人, 5000万元 is 0.5 亿元. */
const SCALES: Record<string, number> = { 万: 1e4, 亿: 1e8, 千: 1e3 };

/** Longer units that start like a shorter one: "8.5个百分点" is not 8.5 个, "300人次" is not 300 人. */
const COMPOUNDS = ["个百分点", "百分点", "人次", "户次", "平方米", "平方公里", "立方米", "公里"];

/** Spellings of the same unit. */
const SYNONYMS: Record<string, string> = { 千米: "公里" };

/**
 * Whether `tail` (the text after a number) starts with the indicator's unit as written, or with
 * the same unit on another scale. Returns the unit as the reporter wrote it and the factor that
 * converts the written value into the indicator's unit, e.g. tail "万人，…" for unit "人" →
 * { written: "万人", factor: 10000 }.
 */
export function matchUnit(
  tail: string,
  indicatorUnit: string,
): { written: string; factor: number } | undefined {
  const target = split(indicatorUnit);
  const spellings = [...Object.keys(SCALES), ""].flatMap((prefix) =>
    [target.base, ...Object.keys(SYNONYMS).filter((s) => SYNONYMS[s] === target.base)].map((base) => ({
      written: `${prefix}${base}`,
      scale: prefix === "" ? 1 : (SCALES[prefix] as number),
    })),
  );
  // Longest first, so that "万平方米" wins over "平方米" and "亿元" over "元".
  spellings.sort((a, b) => b.written.length - a.written.length);
  for (const spelling of spellings) {
    if (!tail.startsWith(spelling.written)) continue;
    if (COMPOUNDS.some((c) => c !== spelling.written && c.startsWith(spelling.written) && tail.startsWith(c)))
      return undefined;
    return { written: spelling.written, factor: spelling.scale / target.scale };
  }
  return undefined;
}

/** "亿元" → 1e8 × "元"; "万亩" → 1e4 × "亩"; "%" and "人" stay as they are. */
function split(unit: string): { base: string; scale: number } {
  const head = unit.slice(0, 1);
  const rest = unit.slice(1);
  const scale = SCALES[head];
  if (scale !== undefined && rest !== "") return { base: SYNONYMS[rest] ?? rest, scale };
  return { base: SYNONYMS[unit] ?? unit, scale: 1 };
}
