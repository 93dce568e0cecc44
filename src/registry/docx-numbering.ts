import { attrOf, childrenOf, findChild, parseXml, tagOf, type XmlNode } from "./docx-xml.js";

/**
 * Word's automatic list numbers (`word/numbering.xml`). A notice whose "1、" and "一、" come from
 * the list feature has no digits in its text; the parser needs them, so they are rendered back.
 */
export interface DocxNumbering {
  /** The label of the next paragraph in this list at this level ("1、\t"), counting as Word does. */
  next(numId: string, level: number): string;
}

interface Level {
  start: number;
  format: string;
  text: string;
  suffix: string;
}

interface List {
  abstractId: string;
  startOverrides: Map<number, number>;
}

const SUFFIX: Record<string, string> = { tab: "\t", space: " ", nothing: "" };
const CHINESE_DIGITS = "〇一二三四五六七八九";
const TIANGAN = "甲乙丙丁戊己庚辛壬癸";

export function readDocxNumbering(xml: string | undefined): DocxNumbering {
  const abstracts = new Map<string, Map<number, Level>>();
  const lists = new Map<string, List>();
  const root = xml ? parseXml(xml).find((node) => tagOf(node) === "w:numbering") : undefined;
  for (const node of childrenOf(root)) {
    if (tagOf(node) === "w:abstractNum") {
      const levels = new Map<number, Level>();
      for (const lvl of childrenOf(node).filter((child) => tagOf(child) === "w:lvl")) {
        levels.set(Number(attrOf(lvl, "w:ilvl") ?? 0), readLevel(lvl));
      }
      abstracts.set(attrOf(node, "w:abstractNumId") ?? "", levels);
    } else if (tagOf(node) === "w:num") {
      const startOverrides = new Map<number, number>();
      for (const override of childrenOf(node).filter((child) => tagOf(child) === "w:lvlOverride")) {
        const start = attrOf(findChild(override, "w:startOverride"), "w:val");
        if (start !== undefined) startOverrides.set(Number(attrOf(override, "w:ilvl") ?? 0), Number(start));
      }
      lists.set(attrOf(node, "w:numId") ?? "", {
        abstractId: attrOf(findChild(node, "w:abstractNumId"), "w:val") ?? "",
        startOverrides,
      });
    }
  }

  // Lists sharing an abstract definition continue one count, as in Word; a start override restarts it.
  const counters = new Map<string, number[]>();
  const restarted = new Set<string>();
  return {
    next(numId, level) {
      const list = lists.get(numId);
      const levels = list && abstracts.get(list.abstractId);
      const own = levels?.get(level);
      if (!list || !levels || !own) return "";
      const count = counters.get(list.abstractId) ?? [];
      const override = list.startOverrides.get(level);
      if (override !== undefined && !restarted.has(`${numId}:${level}`)) {
        restarted.add(`${numId}:${level}`);
        count[level] = override - 1;
      }
      count[level] = (count[level] ?? own.start - 1) + 1;
      count.length = level + 1; // deeper levels start again under a new parent
      counters.set(list.abstractId, count);
      const label = own.text.replace(/%([1-9])/g, (_, n: string) => {
        const at = Number(n) - 1;
        const lvl = levels.get(at);
        return formatNumber(count[at] ?? lvl?.start ?? 1, lvl?.format ?? "decimal");
      });
      return label === "" ? "" : label + own.suffix;
    },
  };
}

function readLevel(lvl: XmlNode): Level {
  const format = attrOf(findChild(lvl, "w:numFmt"), "w:val") ?? "decimal";
  return {
    start: Number(attrOf(findChild(lvl, "w:start"), "w:val") ?? 1),
    format,
    // A bullet is a glyph in a symbol font, not text a parser could use.
    text:
      format === "bullet" || format === "none" ? "" : (attrOf(findChild(lvl, "w:lvlText"), "w:val") ?? ""),
    suffix: SUFFIX[attrOf(findChild(lvl, "w:suff"), "w:val") ?? "tab"] ?? "\t",
  };
}

function formatNumber(n: number, format: string): string {
  if (
    /^(chineseCounting|chineseCountingThousand|ideographDigital|japaneseCounting|taiwaneseCounting)/.test(
      format,
    )
  ) {
    return n >= 1 && n < 100 ? chineseNumeral(n) : String(n);
  }
  if (format === "ideographTraditional" && n >= 1 && n <= 10) return TIANGAN[n - 1] as string;
  if (format === "decimalEnclosedCircle" || format === "decimalEnclosedCircleChinese") {
    return n >= 1 && n <= 20 ? String.fromCharCode(0x2460 + n - 1) : String(n);
  }
  if (format === "decimalFullWidth")
    return String(n).replace(/\d/g, (d) => String.fromCharCode(0xff10 + Number(d)));
  if (format === "decimalZero") return String(n).padStart(2, "0");
  if (format === "lowerLetter" || format === "upperLetter") {
    const letter = String.fromCharCode(97 + ((n - 1) % 26));
    return format === "upperLetter" ? letter.toUpperCase() : letter;
  }
  return String(n);
}

/** 1–99: 一, 十, 十一, 二十, 二十一. */
function chineseNumeral(n: number): string {
  const tens = Math.floor(n / 10);
  const ones = n % 10;
  const tensText = tens === 0 ? "" : tens === 1 ? "十" : `${CHINESE_DIGITS[tens]}十`;
  return tensText + (ones === 0 ? "" : (CHINESE_DIGITS[ones] as string));
}
