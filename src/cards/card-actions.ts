import type { CardButton } from "../channels/message.js";
import { message } from "../templates/template-store.js";

interface CardAction {
  /** The button's words: catalog and key in templates/. */
  button: readonly [catalog: string, key: string];
  /** What the card shows in place of its buttons once clicked (templates/inbound.yaml). */
  closed: string;
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
  ack: { button: ["reminders", "buttonAck"], closed: "closedAck" },
  "on-track": { button: ["reminders", "buttonOnTrack"], closed: "closedOnTrack" },
  difficulty: { button: ["reminders", "buttonDifficulty"], closed: "closedDifficulty" },
  complete: { button: ["reminders", "buttonComplete"], closed: "closedComplete" },
  extend: { button: ["reminders", "buttonExtend"], closed: "closedExtend" },
  report: { button: ["reminders", "buttonReport"], closed: "closedReport" },
  snooze: { button: ["reminders", "buttonSnooze"], closed: "closedSnooze" },
  approve: { button: ["workflow", "buttonApproveCompletion"], closed: "closedApprove", decision: true },
  return: { button: ["workflow", "buttonReturn"], closed: "closedReturn", decision: true },
  reject: { button: ["workflow", "buttonReject"], closed: "closedReject", decision: true },
  "resolve-difficulty": {
    button: ["workflow", "buttonResolveDifficulty"],
    closed: "closedResolveDifficulty",
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
 * The button for `key`. `text` names another key of the same catalog where one action reads
 * differently on another card (批准办结 / 批准延期 are both `approve`).
 */
export function cardButton(
  key: CardActionKey,
  options: { style?: CardButton["style"]; text?: string } = {},
): CardButton {
  const [catalog, textKey] = CARD_ACTIONS[key].button;
  return { key, text: message(catalog, options.text ?? textKey), style: options.style ?? "default" };
}

/** What a card shows in place of its buttons once `actionKey` was clicked; undefined for a key no card has. */
export function closedCardLabel(actionKey: string): string | undefined {
  return isCardActionKey(actionKey) ? message("inbound", CARD_ACTIONS[actionKey].closed) : undefined;
}
