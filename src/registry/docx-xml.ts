import { XMLParser } from "fast-xml-parser";

/**
 * One node of fast-xml-parser's `preserveOrder` output: `{ "w:p": [children], ":@": { attributes } }`
 * for an element, `{ "#text": "…" }` for text. Order matters in WordprocessingML, hence this shape.
 */
export type XmlNode = Record<string, unknown>;

const parser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: "",
  // xml:space="preserve" runs carry meaningful spaces; "1" must stay a string.
  trimValues: false,
  parseTagValue: false,
  parseAttributeValue: false,
  // Entities are decoded by decodeEntities below: a DOCTYPE in a crafted file can define nothing that expands.
  processEntities: false,
  ignoreDeclaration: true,
  ignorePiTags: true,
});

export function parseXml(xml: string): XmlNode[] {
  return parser.parse(xml) as XmlNode[];
}

/** The element's qualified name ("w:p"), or "#text" for a text node. */
export function tagOf(node: XmlNode): string {
  return Object.keys(node).find((key) => key !== ":@") ?? "";
}

export function childrenOf(node: XmlNode | undefined): XmlNode[] {
  if (!node) return [];
  const value = node[tagOf(node)];
  return Array.isArray(value) ? (value as XmlNode[]) : [];
}

export function findChild(node: XmlNode | undefined, tag: string): XmlNode | undefined {
  return childrenOf(node).find((child) => tagOf(child) === tag);
}

export function attrOf(node: XmlNode | undefined, name: string): string | undefined {
  const attributes = node?.[":@"] as Record<string, unknown> | undefined;
  const value = attributes?.[name];
  return typeof value === "string" ? decodeEntities(value) : undefined;
}

/** The element's own text (its `#text` children), decoded. */
export function textOf(node: XmlNode): string {
  let text = "";
  for (const child of childrenOf(node)) {
    if (typeof child["#text"] === "string") text += child["#text"];
  }
  return decodeEntities(text);
}

const NAMED: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };

/** The five XML entities and numeric character references; nothing a DOCTYPE could add. */
export function decodeEntities(text: string): string {
  if (!text.includes("&")) return text;
  return text.replace(/&(#x[0-9a-fA-F]{1,6}|#\d{1,7}|amp|lt|gt|quot|apos);/g, (whole, ref: string) => {
    if (!ref.startsWith("#")) return NAMED[ref] ?? whole;
    const code = ref[1] === "x" ? Number.parseInt(ref.slice(2), 16) : Number(ref.slice(1));
    return code <= 0x10ffff ? String.fromCodePoint(code) : whole;
  });
}
