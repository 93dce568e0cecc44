import type { CardButton } from "../channels/message.js";
import { messages } from "../templates/template-store.js";

const reminders = messages("reminders");
const workflow = messages("workflow");
const inbound = messages("inbound");

interface CardAction {
  /** The button's words (templates/). */
  button(): string;
  /** What the card shows in place of its buttons once clicked (templates/inbound.yaml). */
  closed(): string;
  /** A decision of the office's on a request (the decision card's buttons). */
  decision?: true;
}

/**
 * Every button Duban puts on a card: the key a click carries back, the button's words and the
 * label the card closes with. The renderers build buttons from it (cardButton), the click handler
 * has one handler per key (inbound/handle-card-action.ts, checked by the type system), and the
 * card closer reads the label (closedCardLabel), so a key is spelled in one place.
 */
export const CARD_ACTIONS = {
  ack: { button: () => reminders("buttonAck"), closed: () => inbound("closedAck") },
  "on-track": { button: () => reminders("buttonOnTrack"), closed: () => inbound("closedOnTrack") },
  difficulty: { button: () => reminders("buttonDifficulty"), closed: () => inbound("closedDifficulty") },
  complete: { button: () => reminders("buttonComplete"), closed: () => inbound("closedComplete") },
  extend: { button: () => reminders("buttonExtend"), closed: () => inbound("closedExtend") },
  report: { button: () => reminders("buttonReport"), closed: () => inbound("closedReport") },
  snooze: { button: () => reminders("buttonSnooze"), closed: () => inbound("closedSnooze") },
  approve: {
    button: () => workflow("buttonApproveCompletion"),
    closed: () => inbound("closedApprove"),
    decision: true,
  },
  return: { button: () => workflow("buttonReturn"), closed: () => inbound("closedReturn"), decision: true },
  reject: { button: () => workflow("buttonReject"), closed: () => inbound("closedReject"), decision: true },
  "resolve-difficulty": {
    button: () => workflow("buttonResolveDifficulty"),
    closed: () => inbound("closedResolveDifficulty"),
  },
} as const satisfies Record<string, CardAction>;

export type CardActionKey = keyof typeof CARD_ACTIONS;
export type DecisionKey = {
  [K in CardActionKey]: (typeof CARD_ACTIONS)[K] extends { decision: true } ? K : never;
}[CardActionKey];

export const isCardActionKey = (key: string): key is CardActionKey => Object.hasOwn(CARD_ACTIONS, key);

export const isDecisionKey = (key: string): key is DecisionKey =>
  isCardActionKey(key) && "decision" in CARD_ACTIONS[key];

/**
 * The button for `key`. `text` replaces its words where one action reads differently on another
 * card (批准办结 / 批准延期 are both `approve`).
 */
export function cardButton(
  key: CardActionKey,
  options: { style?: CardButton["style"]; text?: string } = {},
): CardButton {
  return { key, text: options.text ?? CARD_ACTIONS[key].button(), style: options.style ?? "default" };
}

/** What a card shows in place of its buttons once `actionKey` was clicked; undefined for a key no card has. */
export function closedCardLabel(actionKey: string): string | undefined {
  return isCardActionKey(actionKey) ? CARD_ACTIONS[actionKey].closed() : undefined;
}
