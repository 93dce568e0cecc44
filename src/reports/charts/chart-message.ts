import type { OutboundMessage } from "../../channels/message.js";
import type { Logger } from "../../shared/logger.js";
import { ChartFontError } from "./find-chart-font.js";
import type { RenderedChart } from "./render-chart.js";

/**
 * A chart as an image message, or undefined when it cannot be drawn: no CJK font (the start-up
 * warning already says what to install, so this is quiet), or the renderer failing (logged). The
 * text it goes with is sent either way: a report is never held back for its picture. `caption`
 * is what a channel that cannot show images sends instead.
 */
export async function chartMessage(
  draw: () => Promise<RenderedChart>,
  input: { fileName: string; caption: string; logger: Logger },
): Promise<OutboundMessage | undefined> {
  try {
    const chart = await draw();
    return {
      kind: "image",
      fileName: input.fileName,
      base64: Buffer.from(chart.png).toString("base64"),
      caption: input.caption,
    };
  } catch (error) {
    if (!(error instanceof ChartFontError))
      input.logger.warn("chart not drawn; the text goes without it", {
        chart: input.fileName,
        error: error instanceof Error ? error.message : String(error),
      });
    return undefined;
  }
}
