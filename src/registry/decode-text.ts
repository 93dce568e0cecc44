import { InputError } from "../shared/errors.js";

export type TextEncoding = "utf-8" | "utf-16le" | "utf-16be" | "gb18030";

/**
 * Decodes a text file without asking: a BOM decides; else valid UTF-8 is UTF-8; else GB18030
 * (a superset of GBK and GB2312, which many government files still use).
 */
export function decodeText(bytes: Uint8Array, name: string): { text: string; encoding: TextEncoding } {
  if (bytes.length === 0)
    throw new InputError(`${name}: the file is empty. Fix: export the notice again.`, { reason: "empty" });
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    return { text: new TextDecoder("utf-8").decode(bytes.subarray(3)), encoding: "utf-8" };
  }
  if (bytes[0] === 0xff && bytes[1] === 0xfe) {
    return { text: new TextDecoder("utf-16le").decode(bytes.subarray(2)), encoding: "utf-16le" };
  }
  if (bytes[0] === 0xfe && bytes[1] === 0xff) {
    return { text: new TextDecoder("utf-16be").decode(bytes.subarray(2)), encoding: "utf-16be" };
  }
  try {
    return { text: new TextDecoder("utf-8", { fatal: true }).decode(bytes), encoding: "utf-8" };
  } catch {
    // Not UTF-8: fall through to GB18030.
  }
  try {
    return { text: new TextDecoder("gb18030", { fatal: true }).decode(bytes), encoding: "gb18030" };
  } catch (cause) {
    throw new InputError(
      `${name}: the text is neither UTF-8 nor GB18030/GBK. Fix: save it as UTF-8 (or GBK) text, or import the .docx.`,
      { cause, reason: "encoding" },
    );
  }
}

/** Splits decoded text into numbered lines (CRLF, CR and LF all end a line). */
export function toLines(text: string): { text: string; line: number }[] {
  return text.split(/\r\n|\r|\n/).map((t, i) => ({ text: t, line: i + 1 }));
}
