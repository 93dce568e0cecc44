/** The most UTF-8 bytes of one piece of free text the store keeps (about 1,365 Chinese characters). */
export const STORED_TEXT_MAX_BYTES = 4_096;

const ELLIPSIS = "…";
const encoder = new TextEncoder();

/**
 * `value` with every string longer than `maxBytes` UTF-8 bytes cut to at most that, on a character
 * boundary and ending in "…". In an object, the original length in characters of a cut string is
 * kept beside it as `<key>Length` (`text` → `textLength`), so the record says that, and how much,
 * text was dropped. What people write reaches the store through the audit log, progress reports
 * and prompts; a stranger's 230 KB message must not become a 230 KB record. Returns `value`
 * itself when nothing is too long.
 */
export function capStoredText<T>(value: T, maxBytes = STORED_TEXT_MAX_BYTES): T {
  return capValue(value, maxBytes) as T;
}

/**
 * Copies only what it changes, and walks without building arrays of entries: every audit entry,
 * report and prompt written goes through it, and almost none has anything to cut.
 */
function capValue(value: unknown, maxBytes: number): unknown {
  if (typeof value === "string") return tooLong(value, maxBytes) ? cut(value, maxBytes) : value;
  if (Array.isArray(value)) {
    let items: unknown[] | undefined;
    for (let i = 0; i < value.length; i++) {
      const capped = capValue(value[i], maxBytes);
      if (capped === value[i]) continue;
      items ??= [...value];
      items[i] = capped;
    }
    return items ?? value;
  }
  if (value === null || typeof value !== "object" || Object.getPrototypeOf(value) !== Object.prototype)
    return value;
  let copy: Record<string, unknown> | undefined;
  const record = value as Record<string, unknown>;
  for (const key in record) {
    if (!Object.hasOwn(record, key)) continue;
    const item = record[key];
    const capped = capValue(item, maxBytes);
    if (capped === item) continue;
    copy ??= { ...record };
    copy[key] = capped;
    if (typeof item === "string") copy[`${key}Length`] = item.length;
  }
  return copy ?? value;
}

/** Cheap first: a string of at most maxBytes / 3 UTF-16 units cannot exceed maxBytes in UTF-8. */
function tooLong(text: string, maxBytes: number): boolean {
  return text.length * 3 > maxBytes && encoder.encode(text).length > maxBytes;
}

function cut(text: string, maxBytes: number): string {
  const room = new Uint8Array(maxBytes - encoder.encode(ELLIPSIS).length);
  // encodeInto stops before a character that does not fit whole: `read` is a character boundary.
  const { read } = encoder.encodeInto(text, room);
  return text.slice(0, read) + ELLIPSIS;
}
