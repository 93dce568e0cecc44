/**
 * Whom a channel sends to: a person, or a group chat (a platform group or a group robot), by the
 * id Duban knows them by and their account on each platform, keyed by channel name
 * (`{ wecom: "zhangsan" }`). What an account id means is the channel's business.
 */
export interface Recipient {
  personId: string;
  name: string;
  accounts: Readonly<Record<string, string>>;
  /** A group chat rather than one person: no buttons that call back, no 1:1 answers. */
  group?: true;
}
