import type { WecomXmlRecord } from "./wecom-xml.js";

/*
 * The fast path for what WeCom actually sends: the POST envelope and most decrypted messages are
 * one <xml> root holding flat elements, each either CDATA or plain text (brief §1.5, §2.1). Such a
 * document is well-formed XML by construction when it matches this grammar in full, and it maps
 * to the same record fast-xml-parser builds, for a fraction of the cost (the callback benchmark).
 * Anything else (nesting, attributes, entities, comments, a declaration, \r, repeated names,
 * names such as "constructor") returns undefined and goes through the full parser and its checks.
 */
const OPEN = /^\s*<xml>/y;
const CLOSE = /\s*<\/xml>\s*$/y;
// Character data that is legal XML and needs no decoding: no markup, no "&", no "]]>", no \r
// (parsers normalise it) and no C0 control other than tab and newline.
const CHARS = String.raw`(?:[^<&\]\r\x00-\x08\x0B\x0C\x0E-\x1F]|\](?!\]>))*`;
const ELEMENT = new RegExp(
  String.raw`\s*<([A-Za-z][A-Za-z0-9]*)>(?:<!\[CDATA\[((?:[^\]\x00-\x08\x0B\x0C\x0E-\x1F]|\](?!\]>))*)\]\]>|(${CHARS}))<\/\1>`,
  "y",
);

export function parseFlatXml(xml: string, arrayNames: ReadonlySet<string>): WecomXmlRecord | undefined {
  OPEN.lastIndex = 0;
  if (!OPEN.test(xml)) return undefined;
  const record: WecomXmlRecord = {};
  let at = OPEN.lastIndex;
  for (;;) {
    ELEMENT.lastIndex = at;
    const match = ELEMENT.exec(xml);
    if (match === null) break;
    const [, name = "", cdata, text] = match;
    // Names the full parser refuses or renames (prototype pollution guards) take the full path too.
    if (
      Object.hasOwn(record, name) ||
      arrayNames.has(name) ||
      name in Object.prototype ||
      name === "prototype"
    ) {
      return undefined;
    }
    record[name] = cdata ?? text ?? "";
    at = ELEMENT.lastIndex;
  }
  CLOSE.lastIndex = at;
  return CLOSE.test(xml) ? record : undefined;
}
