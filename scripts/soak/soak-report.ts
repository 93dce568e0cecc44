import type { SoakResult } from "./run-soak.js";
import { LEVEL_TOLERANCE, type QuarterPeaks, type RssFigures } from "./soak-memory.js";

/** The soak's figures as text: what docs/operations.md quotes. */
export function formatSoakReport(result: SoakResult): string {
  const { account: a, traffic: t, rss } = result;
  const kinds = Object.entries(t.byKind)
    .map(([kind, count]) => `${kind} ${count}`)
    .join(", ");
  const perCallback = Object.entries(a.callbacks.answersPerCallback)
    .map(([answers, count]) => `${count} with ${answers}`)
    .join(", ");
  const problems = [...result.problems].sort((x, y) => y[1] - x[1]);
  const lines = [
    `Soak: ${result.realMinutes.toFixed(1)} min real, ${result.args.rate} new callbacks/s, store ${result.store}, ` +
      `demo clock ×${result.args.speed}: ${result.demo.from.slice(0, 16)}Z → ${result.demo.to.slice(0, 16)}Z`,
    "",
    `callbacks posted (new)        ${t.callbacks.size} (${kinds})`,
    `  acknowledged (200)          ${a.callbacks.acknowledged}; not acknowledged ${a.callbacks.notAcknowledged}; answers other than 200 ${t.refused}`,
    `  processed, answer delivered ${a.callbacks.answered}; lost ${a.callbacks.lost}; left unprocessed ${a.callbacks.unprocessed}`,
    `  answers per callback        ${perCallback}`,
    `duplicate deliveries posted   ${a.duplicates.delivered}`,
    `  absorbed by the inbox       ${a.duplicates.absorbedByInbox}`,
    `  processed a second time     ${a.duplicates.processedTwice}`,
    `  sends no message accounts for ${a.duplicates.extraSends} (WeCom's duplicate check drops ${a.duplicates.extraAbsorbedByWecom})`,
    `  unabsorbed                  ${a.duplicates.unabsorbed}`,
    `distinct messages WeCom would drop as duplicates ${a.duplicates.distinctButIdentical} (the same text to the same person within 30 min)`,
    `planned by the service        ${a.planned.total} (reminders, notices)`,
    `  delivered                   ${a.planned.delivered}; not due yet ${a.planned.notYetDue}; due and unsent ${a.planned.overdue}; dead ${a.planned.dead}`,
    `dead letters                  ${a.deadLetters}`,
    `sends at WeCom                ${a.wecomSends} (media uploaded before them ${a.wecomUploads})`,
    rss
      ? `RSS (MB)                      first ${rss.first.toFixed(1)}, last ${rss.last.toFixed(1)}, max ${rss.max.toFixed(1)}; ` +
        `highest in the first half ${rss.firstHalfMax.toFixed(1)}, in the second ${rss.secondHalfMax.toFixed(1)}; ` +
        `second half's slope ${rss.secondHalfSlopeMbPerMin >= 0 ? "+" : ""}${rss.secondHalfSlopeMbPerMin.toFixed(2)} MB/min (${rss.samples} samples)`
      : "RSS                           not measured (Linux only)",
    ...(rss ? memoryLines(rss) : []),
    ...(result.children
      ? [
          `  its chart renderer (MB)     max ${result.children.maxMb.toFixed(1)}; running in ${result.children.samplesRunning} of ${result.children.samples} samples`,
        ]
      : []),
    `service stopped               ${result.stopped.code === 0 ? "cleanly (exit 0)" : `${result.stopped.code ?? result.stopped.signal}`}`,
    "",
    problems.length === 0
      ? "service warnings/errors       none"
      : `service warnings/errors:\n${problems.map(([msg, count]) => `  ${count} × ${msg}`).join("\n")}`,
    "",
    result.failures.length === 0
      ? "PASS: 0 lost, 0 unabsorbed duplicates"
      : `FAIL: ${result.failures.join("; ")}`,
  ];
  return `${lines.join("\n")}\n`;
}

/** RSS, heap in use and what lies outside the heap, peaks by quarter of the run, and the verdict. */
function memoryLines(rss: RssFigures): string[] {
  const peaks = (quarters: QuarterPeaks) =>
    quarters.map((q) => (q === undefined ? "-" : q.toFixed(1))).join(" / ");
  return [
    `  peaks by quarter (MB)       RSS ${peaks(rss.quarters)}`,
    ...(rss.heapUsedQuarters && rss.outsideHeapQuarters
      ? [
          `                              V8 heap in use ${peaks(rss.heapUsedQuarters)}`,
          `                              outside the heap (RSS - heap size) ${peaks(rss.outsideHeapQuarters)}`,
        ]
      : []),
    `  memory                      ${
      rss.levelled
        ? `levelled: the last quarter's RSS peak is within ${LEVEL_TOLERANCE * 100}% of the third's`
        : `still rising: the last quarter's RSS peak is more than ${LEVEL_TOLERANCE * 100}% above the third's`
    }`,
  ];
}
