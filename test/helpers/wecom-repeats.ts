import type { FakeWecomSend } from "./fake-wecom-server.js";

/** A send that repeats an earlier one to the same member, byte for byte. */
export interface WecomRepeat {
  touser: string;
  msgtype: string;
  /** Milliseconds after the first copy. */
  afterMs: number;
  /** WeCom drops it: the first copy asked for the duplicate check, and this one is within its interval. */
  absorbed: boolean;
}

export interface WecomRepeats {
  /** Different messages the members received: what each person saw once. */
  distinct: number;
  repeats: WecomRepeat[];
  absorbed: number;
  /** Copies a member would have seen twice. */
  unabsorbed: number;
}

/**
 * Sorts what reached the fake WeCom API into distinct messages and repeats. WeCom's duplicate check
 * (message/send with enable_duplicate_check 1) drops a request whose content is identical to one
 * sent within duplicate_check_interval seconds (Doc 90236); a repeat outside that, or of a send that
 * did not ask for the check, reaches the member twice.
 */
export function countWecomRepeats(sends: readonly FakeWecomSend[]): WecomRepeats {
  const first = new Map<string, FakeWecomSend>();
  const repeats: WecomRepeat[] = [];
  for (const send of sends) {
    const key = JSON.stringify(send.body);
    const earlier = first.get(key);
    if (earlier === undefined) {
      first.set(key, send);
      continue;
    }
    const afterMs = send.at - earlier.at;
    const intervalS = Number(earlier.body.duplicate_check_interval ?? 1800);
    const absorbed = earlier.body.enable_duplicate_check === 1 && afterMs <= intervalS * 1000;
    repeats.push({ touser: send.touser, msgtype: send.msgtype, afterMs, absorbed });
  }
  const absorbed = repeats.filter((r) => r.absorbed).length;
  return { distinct: first.size, repeats, absorbed, unabsorbed: repeats.length - absorbed };
}
