import type { ChannelName } from "../channels/channel.js";
import type { Turn } from "../conversation/turn.js";
import type { Person } from "../directory/people.js";
import type { CommandSpec, Role } from "./command-spec.js";

/** Who sent a command: where from, and what the directory knows of them. */
export interface Caller {
  /** The channel and platform user id the command came from (the event's `channel` and `from`). */
  channel: ChannelName;
  userId: string;
  /** Their directory entries, one per role or unit they hold; empty for someone unknown. */
  entries: readonly Person[];
  /** The roles those entries give, most trusted first; `["unknown"]` when there are none. */
  roles: readonly Role[];
  /** Who the audit log says acted: the person id, or `<channel>:<user id>` for someone unknown. */
  actor: string;
}

/**
 * What a command runs with. `turn` answers and reaches the store; `turn.person` is the recipient
 * of the answers (for someone unknown, a stand-in addressed by their platform id), so who the
 * caller is must be read from `caller`, never from `turn.person`.
 */
export interface CommandContext {
  turn: Turn;
  caller: Caller;
  /** The registry the command was found in (/help lists it). */
  commands: readonly CommandSpec[];
}
