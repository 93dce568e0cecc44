/**
 * A template card's task_id: ≤ 128 bytes of [0-9A-Za-z_\-@], unique for the app forever
 * (Doc 90236; 42014 otherwise). Duban's card ids may hold anything ("52/区人社局/2021-03"), so
 * they are encoded reversibly: letters, digits, "_" and "-" stay; every other UTF-8 byte becomes
 * "@" and two hex digits ("/" → "@2F", "@" → "@40"). A card id made of the kept characters is
 * its own task_id, and the click's TaskId decodes back to exactly the card id that was sent.
 */
const KEPT = /^[0-9A-Za-z_-]$/;
const TASK_ID = /^[0-9A-Za-z_\-@]{1,128}$/;
const ESCAPED = /^(?:[0-9A-Za-z_-]|@[0-9A-F]{2})+$/;
const utf8 = new TextDecoder("utf-8", { fatal: true });

export const TASK_ID_MAX_BYTES = 128;

/** The task_id for `cardId`, or undefined when it would exceed 128 bytes (or `cardId` is empty). */
export function encodeTaskId(cardId: string): string | undefined {
  let out = "";
  for (const byte of Buffer.from(cardId, "utf8")) {
    const char = String.fromCharCode(byte);
    out += KEPT.test(char) ? char : `@${byte.toString(16).toUpperCase().padStart(2, "0")}`;
  }
  return TASK_ID.test(out) ? out : undefined;
}

/** The card id a click's TaskId stands for; a TaskId we did not encode is returned unchanged. */
export function decodeTaskId(taskId: string): string {
  if (!ESCAPED.test(taskId)) return taskId;
  const bytes: number[] = [];
  for (let i = 0; i < taskId.length; i++) {
    if (taskId[i] === "@") {
      bytes.push(Number.parseInt(taskId.slice(i + 1, i + 3), 16));
      i += 2;
    } else {
      bytes.push(taskId.charCodeAt(i));
    }
  }
  try {
    return utf8.decode(Uint8Array.from(bytes));
  } catch {
    return taskId;
  }
}
