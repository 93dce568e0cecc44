import { strToU8, zipSync } from "fflate";
import { escapeXml } from "../../shared/xml-text.js";
import { documentXml, footerXml } from "./document-xml.js";
import type { DocxDraft } from "./docx-blocks.js";
import { fontTableXml, stylesXml } from "./docx-styles.js";

const HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
const REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const WORD = "application/vnd.openxmlformats-officedocument.wordprocessingml";

/** The parts of the package and their content types (every part is listed by name). */
const PARTS: Readonly<Record<string, string>> = {
  "word/document.xml": `${WORD}.document.main+xml`,
  "word/styles.xml": `${WORD}.styles+xml`,
  "word/settings.xml": `${WORD}.settings+xml`,
  "word/fontTable.xml": `${WORD}.fontTable+xml`,
  "word/footer1.xml": `${WORD}.footer+xml`,
  "docProps/core.xml": "application/vnd.openxmlformats-package.core-properties+xml",
  "docProps/app.xml": "application/vnd.openxmlformats-officedocument.extended-properties+xml",
};

const relationships = (rels: { id: string; type: string; target: string }[]) =>
  `${HEAD}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
  rels.map((r) => `<Relationship Id="${r.id}" Type="${r.type}" Target="${r.target}"/>`).join("") +
  "</Relationships>";

/**
 * The draft as a .docx (WordprocessingML) package, written by hand: the few parts Word, WPS and
 * LibreOffice need, zipped with fflate. No `docx` package: its current version needs Node 22.
 */
export function writeDocx(draft: DocxDraft): Uint8Array {
  const created = `${draft.created.toISOString().slice(0, 19)}Z`;
  const files: Record<string, string> = {
    "[Content_Types].xml":
      `${HEAD}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
      '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
      '<Default Extension="xml" ContentType="application/xml"/>' +
      Object.entries(PARTS)
        .map(([part, type]) => `<Override PartName="/${part}" ContentType="${type}"/>`)
        .join("") +
      "</Types>",
    "_rels/.rels": relationships([
      { id: "rId1", type: `${REL}/officeDocument`, target: "word/document.xml" },
      {
        id: "rId2",
        type: "http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties",
        target: "docProps/core.xml",
      },
      { id: "rId3", type: `${REL}/extended-properties`, target: "docProps/app.xml" },
    ]),
    "word/_rels/document.xml.rels": relationships([
      { id: "rId1", type: `${REL}/styles`, target: "styles.xml" },
      { id: "rId2", type: `${REL}/settings`, target: "settings.xml" },
      { id: "rId3", type: `${REL}/fontTable`, target: "fontTable.xml" },
      { id: "rId4", type: `${REL}/footer`, target: "footer1.xml" },
    ]),
    "word/document.xml": documentXml(draft.blocks, "rId4"),
    "word/styles.xml": stylesXml(),
    "word/settings.xml":
      `${HEAD}<w:settings xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">` +
      '<w:defaultTabStop w:val="420"/><w:characterSpacingControl w:val="compressPunctuation"/>' +
      '<w:compat><w:compatSetting w:name="compatibilityMode" w:uri="http://schemas.microsoft.com/office/word" w:val="15"/></w:compat>' +
      "</w:settings>",
    "word/fontTable.xml": fontTableXml(),
    "word/footer1.xml": footerXml(),
    "docProps/core.xml":
      `${HEAD}<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" ` +
      'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" ' +
      'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">' +
      `<dc:title>${escapeXml(draft.title)}</dc:title><dc:creator>Duban</dc:creator>` +
      `<dcterms:created xsi:type="dcterms:W3CDTF">${created}</dcterms:created>` +
      `<dcterms:modified xsi:type="dcterms:W3CDTF">${created}</dcterms:modified></cp:coreProperties>`,
    "docProps/app.xml":
      `${HEAD}<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">` +
      "<Application>Duban</Application></Properties>",
  };
  // A fixed time inside the zip: the same draft gives the same bytes.
  const mtime = draft.created;
  return zipSync(
    Object.fromEntries(Object.entries(files).map(([name, xml]) => [name, [strToU8(xml), { mtime }]])),
  );
}
