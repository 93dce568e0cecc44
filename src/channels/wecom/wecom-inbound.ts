import { WECOM_CRYPTO_CODES, WecomCryptoError } from "./wecom-errors.js";
import { parseWecomXml, type WecomXmlRecord, type WecomXmlValue, xmlText } from "./wecom-xml.js";

/** Fields every decrypted app message and event carries (brief §2.1). All stay strings. */
interface WecomInboundBase {
  /** The corp id. */
  toUserName: string;
  /** The member's UserID. */
  fromUserName: string;
  /** Unix seconds, as sent. */
  createTime: string;
  agentId: string | undefined;
  /** Every field of the message, for dedupe hashes and anything not modelled here. */
  raw: WecomXmlRecord;
}

/** A text the member typed in the 1:1 app chat: a progress reply or a /command. */
export interface WecomTextMessage extends WecomInboundBase {
  kind: "text";
  content: string;
  /** A 64-bit integer: kept as a string because it exceeds Number.MAX_SAFE_INTEGER. */
  msgId: string;
}

export interface WecomSelectedItem {
  questionKey: string;
  optionIds: string[];
}

/** A click on an interactive template card (brief §3.2). Events have no MsgId. */
export interface WecomTemplateCardEvent extends WecomInboundBase {
  kind: "template_card_event";
  eventKey: string;
  taskId: string;
  cardType: string;
  /** Single use, valid 72 h: the key to update this member's card. */
  responseCode: string;
  selectedItems: WecomSelectedItem[];
}

/** Anything else (subscribe, enter_agent, images…), kept generic. */
export interface WecomOtherInbound extends WecomInboundBase {
  kind: "other";
  msgType: string;
  event: string | undefined;
}

export type WecomInbound = WecomTextMessage | WecomTemplateCardEvent | WecomOtherInbound;

/** Parses a decrypted message; a known kind that lacks a required field is -40002. */
export function readWecomInbound(plainXml: string): WecomInbound {
  const raw = parseWecomXml(plainXml);
  const base: WecomInboundBase = {
    toUserName: required(raw, "ToUserName"),
    fromUserName: required(raw, "FromUserName"),
    createTime: required(raw, "CreateTime"),
    agentId: xmlText(raw, "AgentID"),
    raw,
  };
  const msgType = required(raw, "MsgType");
  const event = xmlText(raw, "Event");
  if (msgType === "text") {
    return { ...base, kind: "text", content: required(raw, "Content"), msgId: required(raw, "MsgId") };
  }
  if (msgType === "event" && event === "template_card_event") {
    return {
      ...base,
      kind: "template_card_event",
      eventKey: required(raw, "EventKey"),
      taskId: required(raw, "TaskId"),
      cardType: required(raw, "CardType"),
      responseCode: required(raw, "ResponseCode"),
      selectedItems: readSelectedItems(raw.SelectedItems),
    };
  }
  return { ...base, kind: "other", msgType, event };
}

function readSelectedItems(value: WecomXmlValue | undefined): WecomSelectedItem[] {
  // Absent, <SelectedItems/> and whitespace-only all mean "nothing selected".
  if (value === undefined || typeof value === "string") return [];
  if (Array.isArray(value)) throw malformed("SelectedItems");
  return asRecords(value.SelectedItem, "SelectedItem").map((item) => ({
    questionKey: required(item, "QuestionKey"),
    optionIds: readOptionIds(item.OptionIds),
  }));
}

function readOptionIds(value: WecomXmlValue | undefined): string[] {
  if (value === undefined || typeof value === "string") return [];
  if (Array.isArray(value)) throw malformed("OptionIds");
  const ids = value.OptionId ?? [];
  if (!Array.isArray(ids) || !ids.every((id) => typeof id === "string")) throw malformed("OptionId");
  return ids as string[];
}

function asRecords(value: WecomXmlValue | undefined, name: string): WecomXmlRecord[] {
  const items = value ?? [];
  if (!Array.isArray(items)) throw malformed(name);
  return items.map((item) => {
    if (typeof item !== "object" || Array.isArray(item)) throw malformed(name);
    return item;
  });
}

function required(record: WecomXmlRecord, name: string): string {
  const value = xmlText(record, name);
  if (value === undefined) throw malformed(name);
  return value;
}

function malformed(name: string): WecomCryptoError {
  return new WecomCryptoError(WECOM_CRYPTO_CODES.parseXml, `<${name}> is missing or not a single text value`);
}
