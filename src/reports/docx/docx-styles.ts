/**
 * styles.xml and fontTable.xml of a 公文 draft (GB/T 9704-2012). Word and WPS substitute a font
 * that is not installed; fontTable.xml names the usual stand-in (w:altName: 仿宋_GB2312 → 仿宋)
 * so that a machine without the 方正 or GB2312 fonts shows the nearest face, not 宋体 everywhere.
 */
const NS = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"';

export const FONTS = {
  title: "方正小标宋简体",
  body: "仿宋_GB2312",
  heading1: "黑体",
  heading2: "楷体_GB2312",
  pageNumber: "宋体",
} as const;

/** Each font and its stand-in (Windows first, then what macOS or Linux call it). */
const FALLBACKS: readonly { name: string; alt?: string }[] = [
  { name: FONTS.title, alt: "华文中宋" },
  { name: "华文中宋", alt: "宋体" },
  { name: FONTS.body, alt: "仿宋" },
  { name: "仿宋", alt: "FangSong" },
  { name: FONTS.heading1, alt: "SimHei" },
  { name: FONTS.heading2, alt: "楷体" },
  { name: "楷体", alt: "KaiTi" },
  { name: FONTS.pageNumber, alt: "SimSun" },
  { name: "Times New Roman" },
];

export function fontTableXml(): string {
  const fonts = FALLBACKS.map(
    (f) =>
      `<w:font w:name="${f.name}">${f.alt ? `<w:altName w:val="${f.alt}"/>` : ""}` +
      `<w:charset w:val="${f.alt ? "86" : "00"}"/><w:family w:val="${f.alt ? "auto" : "roman"}"/>` +
      '<w:pitch w:val="variable"/></w:font>',
  ).join("");
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:fonts ${NS}>${fonts}</w:fonts>`;
}

/** Half-points: 二号 22 pt, 三号 16 pt, 四号 14 pt, 小四 12 pt. */
const SIZE = { erhao: 44, sanhao: 32, sihao: 28, xiaosi: 24 } as const;
/** Fixed line spacing of the body, 28.95 pt (22 lines to the page), in twentieths of a point. */
export const BODY_LINE = 579;

const fonts = (name: string) =>
  `<w:rFonts w:ascii="${name}" w:eastAsia="${name}" w:hAnsi="${name}" w:cs="${name}"/>`;
const run = (font: string, size: number, bold = false) =>
  `<w:rPr>${fonts(font)}${bold ? "<w:b/>" : ""}<w:sz w:val="${size}"/><w:szCs w:val="${size}"/></w:rPr>`;
const spacing = (line: number) => `<w:spacing w:before="0" w:after="0" w:line="${line}" w:lineRule="exact"/>`;
/** Two characters of the body's size: the first-line indent of body paragraphs. */
const indent = '<w:ind w:firstLineChars="200" w:firstLine="640"/>';

/** A paragraph style; `pPr` in the schema's order (spacing, ind, jc, outlineLvl): Word refuses another. */
function style(id: string, name: string, pPr: string, rPr: string): string {
  return (
    `<w:style w:type="paragraph" w:customStyle="1" w:styleId="${id}"><w:name w:val="${name}"/>` +
    `<w:basedOn w:val="Normal"/><w:qFormat/><w:pPr>${pPr}</w:pPr>${rPr}</w:style>`
  );
}

export function stylesXml(): string {
  const body = run(FONTS.body, SIZE.sanhao);
  const styles = [
    '<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/>' +
      `<w:pPr>${spacing(BODY_LINE)}<w:jc w:val="both"/></w:pPr>${body}</w:style>`,
    style("title", "公文标题", `${spacing(700)}<w:jc w:val="center"/>`, run(FONTS.title, SIZE.erhao)),
    style("docNo", "发文字号", `${spacing(BODY_LINE)}<w:jc w:val="center"/>`, body),
    style("body", "公文正文", `${indent}`, body),
    style(
      "heading1",
      "一级标题",
      `<w:keepNext/>${indent}<w:outlineLvl w:val="0"/>`,
      run(FONTS.heading1, SIZE.sanhao),
    ),
    style(
      "heading2",
      "二级标题",
      `<w:keepNext/>${indent}<w:outlineLvl w:val="1"/>`,
      run(FONTS.heading2, SIZE.sanhao),
    ),
    style("salutation", "主送机关", "", body),
    style("signature", "落款", '<w:ind w:rightChars="400" w:right="1280"/><w:jc w:val="right"/>', body),
    style("tableText", "表格文字", `${spacing(360)}<w:jc w:val="left"/>`, run(FONTS.body, SIZE.xiaosi)),
    style("footer", "页脚", '<w:jc w:val="center"/>', run(FONTS.pageNumber, SIZE.sihao)),
    '<w:style w:type="table" w:default="1" w:styleId="TableNormal"><w:name w:val="Normal Table"/>' +
      '<w:tblPr><w:tblCellMar><w:left w:w="85" w:type="dxa"/><w:right w:w="85" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style>',
  ];
  return (
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:styles ${NS}>` +
    `<w:docDefaults><w:rPrDefault>${body}</w:rPrDefault><w:pPrDefault><w:pPr>${spacing(BODY_LINE)}</w:pPr></w:pPrDefault></w:docDefaults>` +
    `${styles.join("")}</w:styles>`
  );
}
