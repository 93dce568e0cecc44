/**
 * One reading of the service's memory, minutes after the first: its RSS, and the V8 heap's size
 * and use from its /metrics when they could be read (what the RSS holds besides the heap is then
 * RSS minus the heap's size: code, stacks, and native allocations such as SQLite's page caches).
 */
export interface MemorySample {
  minute: number;
  mb: number;
  heap?: { usedMb: number; sizeMb: number };
}

/** The highest reading in each quarter of the run; undefined for a quarter without a reading. */
export type QuarterPeaks = [number | undefined, number | undefined, number | undefined, number | undefined];

export interface RssFigures {
  first: number;
  last: number;
  max: number;
  /**
   * The highest reading in each half: RSS saws up and down with the garbage collector, so a level
   * that holds shows as equal peaks, where a slope over a few samples may catch a trough.
   */
  firstHalfMax: number;
  secondHalfMax: number;
  /** Least-squares slope over the second half of the run, MB per minute: near 0 is flat. */
  secondHalfSlopeMbPerMin: number;
  /** RSS peaks by quarter: a level reached shows as the last two quarters' peaks alike. */
  quarters: QuarterPeaks;
  /** Within LEVEL_TOLERANCE, the last quarter's peak is no higher than the third's. */
  levelled: boolean;
  /** The V8 heap in use and RSS outside the heap, peaks by quarter, when /metrics was read. */
  heapUsedQuarters?: QuarterPeaks;
  outsideHeapQuarters?: QuarterPeaks;
  samples: number;
}

/** How much higher the last quarter's RSS peak may be than the third's and still count as level. */
export const LEVEL_TOLERANCE = 0.05;

/** First, last and highest RSS, and how it moved over the second half (the first holds the warm-up). */
export function rssFigures(samples: readonly MemorySample[]): RssFigures | undefined {
  const [firstSample] = samples;
  const lastSample = samples.at(-1);
  if (!firstSample || !lastSample) return undefined;
  const half = lastSample.minute / 2;
  const late = samples.filter((s) => s.minute >= half);
  const early = samples.filter((s) => s.minute < half);
  const highest = (list: readonly MemorySample[]) => Math.max(...list.map((s) => s.mb));
  const quarters = quarterPeaks(samples, lastSample.minute, (s) => s.mb);
  const withHeap = samples.filter((s): s is Required<MemorySample> => s.heap !== undefined);
  const [, , third, fourth] = quarters;
  return {
    first: firstSample.mb,
    last: lastSample.mb,
    max: highest(samples),
    firstHalfMax: early.length > 0 ? highest(early) : firstSample.mb,
    secondHalfMax: highest(late),
    secondHalfSlopeMbPerMin: slope(late),
    quarters,
    levelled: third !== undefined && fourth !== undefined && fourth <= third * (1 + LEVEL_TOLERANCE),
    ...(withHeap.length > 0
      ? {
          heapUsedQuarters: quarterPeaks(withHeap, lastSample.minute, (s) => s.heap.usedMb),
          outsideHeapQuarters: quarterPeaks(withHeap, lastSample.minute, (s) => s.mb - s.heap.sizeMb),
        }
      : {}),
    samples: samples.length,
  };
}

function quarterPeaks<S extends MemorySample>(
  samples: readonly S[],
  lastMinute: number,
  value: (sample: S) => number,
): QuarterPeaks {
  const peaks: QuarterPeaks = [undefined, undefined, undefined, undefined];
  for (const sample of samples) {
    const quarter = lastMinute === 0 ? 3 : Math.min(3, Math.floor((sample.minute / lastMinute) * 4));
    const v = value(sample);
    const peak = peaks[quarter];
    peaks[quarter] = peak === undefined ? v : Math.max(peak, v);
  }
  return peaks;
}

function slope(points: readonly MemorySample[]): number {
  if (points.length < 2) return 0;
  const n = points.length;
  const meanX = points.reduce((sum, p) => sum + p.minute, 0) / n;
  const meanY = points.reduce((sum, p) => sum + p.mb, 0) / n;
  let num = 0;
  let den = 0;
  for (const p of points) {
    num += (p.minute - meanX) * (p.mb - meanY);
    den += (p.minute - meanX) ** 2;
  }
  return den === 0 ? 0 : num / den;
}
