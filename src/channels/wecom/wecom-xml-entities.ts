/**
 * The entity decoder handed to fast-xml-parser. It knows the five predefined XML entities and
 * numeric character references, nothing else: no DOCTYPE entities, so neither XXE nor
 * "billion laughs" expansion is possible, and one regex pass means `&amp;lt;` stays `&lt;`.
 * The parser never calls it for CDATA, whose content is literal.
 */
const PREDEFINED: Readonly<Record<string, string>> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };
const REFERENCE = /&(?:#x([0-9A-Fa-f]{1,6})|#([0-9]{1,7})|([A-Za-z]+));/g;

/** XML 1.0 §2.2 Char: a reference to anything else is not well-formed and is left as written. */
function isXmlChar(cp: number): boolean {
  return (
    cp === 0x9 ||
    cp === 0xa ||
    cp === 0xd ||
    (cp >= 0x20 && cp <= 0xd7ff) ||
    (cp >= 0xe000 && cp <= 0xfffd) ||
    (cp >= 0x10000 && cp <= 0x10ffff)
  );
}

export function decodeXmlEntities(text: string): string {
  if (!text.includes("&")) return text;
  return text.replace(REFERENCE, (whole, hex?: string, dec?: string, name?: string) => {
    if (name !== undefined) return PREDEFINED[name] ?? whole;
    const cp = hex !== undefined ? Number.parseInt(hex, 16) : Number(dec);
    return isXmlChar(cp) ? String.fromCodePoint(cp) : whole;
  });
}

/** Thrown from inside the parser when a document declares a DOCTYPE; WeCom never sends one. */
export class DoctypeRejected extends Error {
  constructor() {
    super("DOCTYPE declarations are not accepted");
    this.name = "DoctypeRejected";
  }
}

/** The shape fast-xml-parser v5 expects for its `entityDecoder` option. */
export const wecomEntityDecoder = {
  setExternalEntities: (): void => {},
  // Called only when the parser has read a real <!DOCTYPE> (not text inside CDATA): refuse it.
  addInputEntities: (): void => {
    throw new DoctypeRejected();
  },
  reset: (): void => {},
  setXmlVersion: (): void => {},
  decode: decodeXmlEntities,
};
