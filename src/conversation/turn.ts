import type { WorkCalendar } from "../calendar/work-calendar.js";
import type {
  CardUpdateRequest,
  ChannelName,
  FetchFileResult,
  InboundEvent,
  SendResult,
} from "../channels/channel.js";
import type { ChannelLimits } from "../channels/channel-limits.js";
import type { MediaKind, MediaMessage } from "../channels/message.js";
import type { Settings } from "../config/settings.js";
import type { Directory } from "../directory/directory.js";
import type { PeopleIndex, Person } from "../directory/people.js";
import type { Logger } from "../shared/logger.js";
import type { Store } from "../store/store.js";

// A leaf: inbound, commands, progress and workflow all take a Turn, so it imports no feature
// folder; otherwise those folders would import each other through it.

/** What handling what people send needs; built once by the composition root. */
export interface InboundDeps {
  store: Store;
  people: PeopleIndex;
  /** The live directory: a task's units follow it, as the reminder ladder's do. */
  directory: Directory;
  calendar: WorkCalendar;
  settings: Settings;
  logger: Logger;
  /** The channel that reaches a person who did not just write (admins, requesters). */
  channelFor(person: Person): ChannelName | undefined;
  /**
   * The channels that are on, in order of preference, and every channel of the plugin table (person
   * ids are made from it): what the reminder ladder's world is loaded with (/plan, /remind).
   */
  channels: readonly ChannelName[];
  accountOrder: readonly ChannelName[];
  /** Reads the office's calendar days again (after /calendar changed them), so the calendar counts them now. */
  refreshCalendar(): Promise<void>;
  /** What a message may hold on every channel that is on (cards for the office are rendered within it). */
  limits: ChannelLimits;
  /**
   * Whether `channel` sends images (files) as such; where it does not, the dispatcher sends their
   * caption instead. Ask before building one that only makes sense as a picture or a file.
   */
  canSendMedia(channel: ChannelName, kind: MediaKind): boolean;
  /**
   * The Excel ledger as of the end of `date`, as `duban export` builds it (reports/ledger, wired by
   * the composition root: the ledger reads the commands' overview, so commands cannot import it);
   * undefined before any registry was imported.
   */
  exportLedger(options: { date: string; by: "section" | "leader" }): Promise<LedgerFile | undefined>;
  /**
   * A lead leader's weekly digest (督办周报) as it stands at `at`, in the text parts it is sent as:
   * undefined before any import, none for a leader who leads no task. Injected by the composition
   * root (src/reports/digest/): the digest reads the commands' overview, so /digest cannot import it.
   */
  leaderDigest?(
    leader: string,
    at: string,
    options: { chart: boolean },
  ): Promise<{ parts: string[]; chart?: MediaMessage } | undefined>;
  /**
   * A signed, single-use sign-in link to the web console (看板) for `personId`, valid 10 minutes
   * (src/web/auth/, wired by the composition root: commands cannot import the web console).
   */
  signInLink(personId: string): string;
  /** Changes a card on the channel it was clicked on; absent where no channel can. */
  updateCard?(channel: ChannelName, request: CardUpdateRequest): Promise<SendResult>;
  /** Downloads a file sent on a channel (a file event's ref); absent where no channel can. */
  fetchFile?(channel: ChannelName, ref: string, options: { maxBytes: number }): Promise<FetchFileResult>;
}

/** A built ledger: the .xlsx bytes and what they hold (reports/ledger/export-ledger.ts). */
export interface LedgerFile {
  bytes: Uint8Array;
  date: string;
  tasks: number;
  rows: number;
  historyRows: number;
}

/**
 * One inbound event from a known person, being handled. Every feature answers through `answer`,
 * which puts an immediate message in the outbox keyed by the event, so a redelivered event (or
 * a handler that runs again) never answers twice.
 */
export interface Turn {
  deps: InboundDeps;
  event: InboundEvent;
  person: Person;
  /** When the person acted (the event's time), as an ISO instant … */
  at: string;
  /** … and as a date in the business time zone. */
  date: string;
  answer(text: string): Promise<void>;
  /** An image or a file as an answer, queued as `answer` queues text (after what was answered before). */
  answerMedia(media: MediaMessage): Promise<void>;
}
