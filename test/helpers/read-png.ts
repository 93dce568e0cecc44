import { unzlibSync } from "fflate";

const SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
/** Bytes per pixel at 8 bits a sample, by PNG colour type (gray, RGB, gray+alpha, RGBA). */
const CHANNELS: Record<number, number> = { 0: 1, 2: 3, 4: 2, 6: 4 };

/**
 * Decodes a PNG as far as proving it whole: the signature, the IHDR's size, and the IDAT stream
 * inflated to exactly one filter byte plus one row of pixels per line. Throws on anything else.
 */
export function readPng(png: Uint8Array): { width: number; height: number; pixelBytes: number } {
  if (!SIGNATURE.every((byte, index) => png[index] === byte)) throw new Error("no PNG signature");
  const view = new DataView(png.buffer, png.byteOffset, png.byteLength);
  let offset = 8;
  let header: { width: number; height: number; bitDepth: number; colorType: number } | undefined;
  const data: Uint8Array[] = [];
  let ended = false;
  while (offset < png.length && !ended) {
    const length = view.getUint32(offset);
    const type = String.fromCharCode(...png.subarray(offset + 4, offset + 8));
    const body = png.subarray(offset + 8, offset + 8 + length);
    if (type === "IHDR")
      header = {
        width: view.getUint32(offset + 8),
        height: view.getUint32(offset + 12),
        bitDepth: body[8] ?? 0,
        colorType: body[9] ?? -1,
      };
    else if (type === "IDAT") data.push(body);
    else if (type === "IEND") ended = true;
    offset += 12 + length;
  }
  if (!header || !ended) throw new Error("no IHDR or no IEND");
  const channels = CHANNELS[header.colorType];
  if (header.bitDepth !== 8 || channels === undefined)
    throw new Error(`unexpected PNG format: depth ${header.bitDepth}, colour type ${header.colorType}`);
  const joined = new Uint8Array(data.reduce((sum, part) => sum + part.length, 0));
  let at = 0;
  for (const part of data) {
    joined.set(part, at);
    at += part.length;
  }
  const pixels = unzlibSync(joined);
  const expected = header.height * (1 + header.width * channels);
  if (pixels.length !== expected) throw new Error(`IDAT inflates to ${pixels.length} bytes, not ${expected}`);
  return { width: header.width, height: header.height, pixelBytes: pixels.length };
}

/** The text of every <text> element of an SVG, unescaped as far as ECharts escapes. */
export function svgTexts(svg: string): string[] {
  return [...svg.matchAll(/<text\b[^>]*>([^<]*)<\/text>/g)].map((match) =>
    (match[1] ?? "")
      .replaceAll("&lt;", "<")
      .replaceAll("&gt;", ">")
      .replaceAll("&quot;", '"')
      .replaceAll("&#39;", "'")
      .replaceAll("&amp;", "&"),
  );
}
