import { attrOf, childrenOf, findChild, parseXml, tagOf, type XmlNode } from "./docx-xml.js";

/** What one level of Word's formatting cascade says about a run; undefined = not set at that level. */
export interface RunFormat {
  bold?: boolean;
  /** The font used for Chinese characters. */
  eastAsiaFont?: string;
}

/** The styles of a .docx (`word/styles.xml`), as far as bold and 黑体 go. */
export interface DocxStyles {
  /**
   * Whether a run reads as bold: its direct formatting wins, then its character style, then its
   * paragraph style (or the default paragraph style), then the document defaults. A run set in a
   * 黑体 face counts as bold, since notices say "黑体为主办单位" and mean the typeface.
   */
  isBold(paragraphStyle: string | undefined, characterStyle: string | undefined, direct: RunFormat): boolean;
  /** The list a paragraph style numbers its paragraphs with (auto-numbered headings), if any. */
  numberingOf(paragraphStyle: string | undefined): NumberingRef;
}

/** A paragraph's w:numPr: which numbering instance, at which level. */
export interface NumberingRef {
  numId?: string;
  level?: number;
}

interface StyleEntry {
  basedOn?: string;
  format: RunFormat & NumberingRef;
}

/** Hops followed along w:basedOn; Word allows no cycles, a crafted file might. */
const MAX_BASED_ON = 20;

export function readDocxStyles(xml: string | undefined): DocxStyles {
  const styles = new Map<string, StyleEntry>();
  let defaults: RunFormat = {};
  let defaultParagraphStyle: string | undefined;
  const root = xml ? parseXml(xml).find((node) => tagOf(node) === "w:styles") : undefined;
  for (const node of childrenOf(root)) {
    const tag = tagOf(node);
    if (tag === "w:docDefaults") {
      defaults = readRunFormat(findChild(findChild(node, "w:rPrDefault"), "w:rPr"));
    } else if (tag === "w:style") {
      const id = attrOf(node, "w:styleId");
      if (id === undefined) continue;
      const type = attrOf(node, "w:type") ?? "paragraph";
      if (type === "paragraph" && isOn(attrOf(node, "w:default"))) defaultParagraphStyle = id;
      styles.set(`${type}:${id}`, {
        basedOn: attrOf(findChild(node, "w:basedOn"), "w:val"),
        format: { ...readRunFormat(findChild(node, "w:rPr")), ...readNumberingRef(findChild(node, "w:pPr")) },
      });
    }
  }

  const lookup = <K extends keyof StyleEntry["format"]>(type: string, id: string | undefined, key: K) => {
    let current = id;
    for (let hops = 0; current !== undefined && hops < MAX_BASED_ON; hops++) {
      const entry = styles.get(`${type}:${current}`);
      if (!entry) return undefined;
      if (entry.format[key] !== undefined) return entry.format[key];
      current = entry.basedOn;
    }
    return undefined;
  };

  return {
    isBold(paragraphStyle, characterStyle, direct) {
      const pick = <K extends keyof RunFormat>(key: K): RunFormat[K] =>
        direct[key] ??
        lookup("character", characterStyle, key) ??
        lookup("paragraph", paragraphStyle ?? defaultParagraphStyle, key) ??
        defaults[key];
      return pick("bold") === true || isHeiti(pick("eastAsiaFont"));
    },
    numberingOf(paragraphStyle) {
      const id = paragraphStyle ?? defaultParagraphStyle;
      const numId = lookup("paragraph", id, "numId");
      return numId === undefined ? {} : { numId, level: lookup("paragraph", id, "level") ?? 0 };
    },
  };
}

/** Reads a w:pPr's w:numPr; numId "0" explicitly turns a style's numbering off. */
export function readNumberingRef(pPr: XmlNode | undefined): NumberingRef {
  const numPr = findChild(pPr, "w:numPr");
  const numId = attrOf(findChild(numPr, "w:numId"), "w:val");
  const level = attrOf(findChild(numPr, "w:ilvl"), "w:val");
  return {
    ...(numId !== undefined ? { numId } : {}),
    ...(level !== undefined && /^\d$/.test(level) ? { level: Number(level) } : {}),
  };
}

/** Reads a w:rPr: w:b (on unless w:val says 0/false/off) and the East Asian font of w:rFonts. */
export function readRunFormat(rPr: XmlNode | undefined): RunFormat {
  const format: RunFormat = {};
  const b = findChild(rPr, "w:b");
  if (b) format.bold = isOn(attrOf(b, "w:val") ?? "1");
  const fonts = findChild(rPr, "w:rFonts");
  // WPS often marks a run w:hint="eastAsia" and names the face only in w:ascii.
  const font =
    attrOf(fonts, "w:eastAsia") ??
    (attrOf(fonts, "w:hint") === "eastAsia"
      ? (attrOf(fonts, "w:ascii") ?? attrOf(fonts, "w:hAnsi"))
      : undefined);
  if (font !== undefined) format.eastAsiaFont = font;
  return format;
}

/** 黑体, 方正黑体_GBK, 华文黑体, SimHei, STHeiti, Heiti SC… */
export function isHeiti(font: string | undefined): boolean {
  return font !== undefined && /黑体|SimHei|STHeiti|Heiti/i.test(font);
}

function isOn(value: string | undefined): boolean {
  return value !== undefined && !/^(0|false|off)$/i.test(value);
}
