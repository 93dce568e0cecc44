/** One part of a multipart/form-data body as a platform receives it. */
export interface ReceivedPart {
  field: string;
  fileName: string | undefined;
  contentType: string;
  bytes: Buffer;
}

/**
 * The parts of a multipart body nock recorded: nock hands a binary body over as hex, a text one as
 * is. Parsed by the platform's own rules (WHATWG FormData), so a malformed body fails here too.
 */
export async function readMultipart(recorded: string, contentType: string): Promise<ReceivedPart[]> {
  const raw = /^(?:[0-9a-f]{2})+$/.test(recorded)
    ? Buffer.from(recorded, "hex")
    : Buffer.from(recorded, "utf8");
  const form = await new Response(raw, { headers: { "content-type": contentType } }).formData();
  const parts: ReceivedPart[] = [];
  for (const [field, value] of form.entries()) {
    if (typeof value === "string")
      parts.push({ field, fileName: undefined, contentType: "text/plain", bytes: Buffer.from(value) });
    else
      parts.push({
        field,
        fileName: value.name,
        contentType: value.type,
        bytes: Buffer.from(await value.arrayBuffer()),
      });
  }
  return parts;
}

/** A small valid PNG (1×1, transparent), and bytes that are not one. */
export const TINY_PNG = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=",
  "base64",
);
