/** One RSS reading of the service, minutes after the first. */
export interface RssSample {
  minute: number;
  mb: number;
}

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
  samples: number;
}

/** First, last and highest RSS, and how it moved over the second half (the first holds the warm-up). */
export function rssFigures(samples: readonly RssSample[]): RssFigures | undefined {
  const [firstSample] = samples;
  const lastSample = samples.at(-1);
  if (!firstSample || !lastSample) return undefined;
  const half = lastSample.minute / 2;
  const late = samples.filter((s) => s.minute >= half);
  const early = samples.filter((s) => s.minute < half);
  const highest = (list: readonly RssSample[]) => Math.max(...list.map((s) => s.mb));
  return {
    first: firstSample.mb,
    last: lastSample.mb,
    max: highest(samples),
    firstHalfMax: early.length > 0 ? highest(early) : firstSample.mb,
    secondHalfMax: highest(late),
    secondHalfSlopeMbPerMin: slope(late),
    samples: samples.length,
  };
}

function slope(points: readonly RssSample[]): number {
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
