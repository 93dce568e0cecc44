import type { OutboundMessage } from "../../channels/message.js";
import type { Logger } from "../../shared/logger.js";
import { messages } from "../../templates/template-store.js";
import { paceImage } from "../charts/chart-images.js";
import { chartMessage } from "../charts/chart-message.js";
import { ChartFontError } from "../charts/find-chart-font.js";
import type { LeaderDigest } from "./leader-digest.js";

const m = messages("digest");

/** What the digest's pace chart came to: drawn, nothing to draw (no numeric target), or no font. */
export type DigestChart =
  | { status: "drawn"; png: Uint8Array }
  | { status: "none" }
  | { status: "no-font"; problem: string };

/** The pace chart of a digest: its tasks' shares of their targets against 序时进度. */
export async function digestChart(digest: LeaderDigest): Promise<DigestChart> {
  if (digest.paceRows.length === 0) return { status: "none" };
  try {
    return { status: "drawn", png: (await drawPace(digest)).png };
  } catch (error) {
    if (error instanceof ChartFontError) return { status: "no-font", problem: error.message };
    throw error;
  }
}

/**
 * The chart as the image message the job sends after the text parts; undefined when the digest
 * has no numeric target, or the chart cannot be drawn (the text goes alone).
 */
export async function digestChartMessage(
  digest: LeaderDigest,
  logger: Logger,
): Promise<OutboundMessage | undefined> {
  if (digest.paceRows.length === 0) return undefined;
  return chartMessage(() => drawPace(digest), {
    fileName: m("chartFile", { leader: digest.leader, week: digest.week }),
    caption: m("chartCaption", { leader: digest.leader }),
    logger,
  });
}

function drawPace(digest: LeaderDigest) {
  return paceImage(digest.paceRows, digest.pace, m("chartTitle", { leader: digest.leader }));
}
