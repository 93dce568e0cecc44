/** One RSS reading of the service, minutes after the first. */
export interface RssSample {
  minute: number;
  mb: number;
}

export interface RssFigures {
  first: number;
  last: number;
  max: number;
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
  return {
    first: firstSample.mb,
    last: lastSample.mb,
    max: Math.max(...samples.map((s) => s.mb)),
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
