import type { CardInstance } from "./card-instance.js";
import { compareText } from "./compare-text.js";
import { toEpochMs } from "./to-epoch-ms.js";

/** The cards matching `filter`, by `createdAt` then id: the one order both stores return. */
export function selectCards(
  cards: CardInstance[],
  filter: { taskNo: number; unit?: string; cycle?: string },
): CardInstance[] {
  const createdMs = (card: CardInstance) => toEpochMs(card.createdAt, "card createdAt");
  return cards
    .filter(
      (c) =>
        c.taskNo === filter.taskNo &&
        (filter.unit === undefined || c.unit === filter.unit) &&
        (filter.cycle === undefined || c.cycle === filter.cycle),
    )
    .sort((a, b) => createdMs(a) - createdMs(b) || compareText(a.cardId, b.cardId));
}
