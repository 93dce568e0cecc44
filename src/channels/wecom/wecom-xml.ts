import { XMLParser } from "fast-xml-parser";
import { WECOM_CRYPTO_CODES, WecomCryptoError } from "./wecom-errors.js";
import { parseFlatXml } from "./wecom-flat-xml.js";
import { wecomEntityDecoder } from "./wecom-xml-entities.js";

/** Every leaf is a string: MsgId exceeds 2^53, and "007" or "1e5" must not become numbers. */
export type WecomXmlValue = string | WecomXmlRecord | WecomXmlValue[];
export interface WecomXmlRecord {
  [name: string]: WecomXmlValue;
}

// These repeat in template_card_event (brief §3.2); a lone item must still come back as an array.
const ALWAYS_ARRAY = new Set(["SelectedItem", "OptionId"]);
const TEXT = "#text";

const parser = new XMLParser({
  parseTagValue: false,
  parseAttributeValue: false,
  ignoreAttributes: true,
  // Keep text exactly (CDATA is never trimmed anyway); indentation-only text is dropped below.
  trimValues: false,
  ignoreDeclaration: true,
  ignorePiTags: true,
  processEntities: { enabled: true, maxEntityCount: 1, maxExpandedLength: 1_000_000 },
  entityDecoder: wecomEntityDecoder,
  isArray: (name) => ALWAYS_ARRAY.has(name),
  maxNestedTags: 16,
});

/**
 * Parses one WeCom XML document (the outer envelope or the decrypted message) and returns the
 * children of its <xml> root. Malformed XML, a DOCTYPE, another root or a reserved name such as
 * `__proto__` all become -40002. The parser's own reason (which may quote the document) stays
 * in `cause`, out of the message.
 */
export function parseWecomXml(xml: string): WecomXmlRecord {
  const flat = parseFlatXml(xml, ALWAYS_ARRAY);
  if (flat !== undefined) return flat;
  let parsed: unknown;
  try {
    parsed = parser.parse(xml, true);
  } catch (cause) {
    throw new WecomCryptoError(WECOM_CRYPTO_CODES.parseXml, "XML is malformed or not allowed", { cause });
  }
  const root = isRecord(parsed) ? parsed.xml : undefined;
  if (!isRecord(parsed) || Object.keys(parsed).length !== 1 || root === undefined || Array.isArray(root)) {
    throw new WecomCryptoError(WECOM_CRYPTO_CODES.parseXml, "XML must have a single <xml> root element");
  }
  const content = dropIndentation(root);
  return typeof content === "string" ? {} : (content as WecomXmlRecord);
}

/** The string value of a direct child, or undefined when absent or not a single text element. */
export function xmlText(record: WecomXmlRecord, name: string): string | undefined {
  const value = record[name];
  return typeof value === "string" ? value : undefined;
}

function dropIndentation(value: unknown): WecomXmlValue {
  if (typeof value === "string") return value;
  if (Array.isArray(value)) return value.map(dropIndentation);
  const out: WecomXmlRecord = {};
  for (const [name, child] of Object.entries(value as Record<string, unknown>)) {
    if (name === TEXT && typeof child === "string" && child.trim() === "") continue;
    out[name] = dropIndentation(child);
  }
  return out;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
