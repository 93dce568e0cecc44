import { createHash } from "node:crypto";
import type { SendingHours } from "../config/reminder-settings.js";

/** Minutes past the hour that stay clear of the :00 and :30 marks. */
function clearOfMarks(minuteOfDay: number): number {
  let m = minuteOfDay;
  while (m % 30 <= 2 || m % 30 >= 28) m++;
  return m;
}

/**
 * The instant a message of `date` goes out: inside the sending hours, spread by a hash of its
 * idempotency key (so the same message always gets the same time, and a batch does not land in
 * one burst), never within two minutes of :00 or :30. Returned as ISO-8601 with +08:00.
 */
export function sendTime(date: string, key: string, hours: SendingHours): string {
  const [fromH = 0, fromM = 0] = hours.sendFrom.split(":").map(Number);
  const [endH = 0, endM = 0] = hours.end.split(":").map(Number);
  const from = fromH * 60 + fromM;
  const last = endH * 60 + endM - 3;
  const spread = Math.max(1, Math.min(hours.spreadMinutes, last - from));
  const digest = createHash("sha1").update(key).digest();
  const offsetSeconds = digest.readUInt32BE(0) % (spread * 60);
  let minute = clearOfMarks(from + Math.floor(offsetSeconds / 60));
  if (minute > last) minute = clearOfMarks(from);
  const second = offsetSeconds % 60;
  return `${date}T${pad(Math.floor(minute / 60))}:${pad(minute % 60)}:${pad(second)}+08:00`;
}

function pad(n: number): string {
  return String(n).padStart(2, "0");
}
