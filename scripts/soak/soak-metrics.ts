/** The service's GET /metrics as text (Prometheus' exposition format). */
async function readMetrics(base: string): Promise<string> {
  const response = await fetch(`${base}/metrics`, { signal: AbortSignal.timeout(2_000) });
  const text = await response.text();
  if (response.status !== 200) throw new Error(`GET /metrics answered ${response.status}: ${text}`);
  return text;
}

/** duban_inbound_events_total for one channel, by outcome, from the service's GET /metrics. */
export async function readInboundCounts(base: string, channel: string): Promise<Record<string, number>> {
  const text = await readMetrics(base);
  const counts: Record<string, number> = {};
  const line = /^duban_inbound_events_total\{([^}]*)\} ([0-9.e+]+)$/gm;
  for (const match of text.matchAll(line)) {
    const labels = Object.fromEntries(
      [...(match[1] ?? "").matchAll(/(\w+)="([^"]*)"/g)].map((l) => [l[1], l[2]]),
    );
    if (labels.channel === channel && labels.outcome) counts[labels.outcome] = Number(match[2]);
  }
  return counts;
}

/** The V8 heap's size and use in MB, from the service's GET /metrics (prom-client's defaults). */
export async function readHeapMb(base: string): Promise<{ usedMb: number; sizeMb: number } | undefined> {
  const text = await readMetrics(base);
  const bytes = (name: string) => Number(new RegExp(`^${name} ([0-9.e+]+)$`, "m").exec(text)?.[1]);
  const used = bytes("nodejs_heap_size_used_bytes");
  const size = bytes("nodejs_heap_size_total_bytes");
  return Number.isFinite(used) && Number.isFinite(size)
    ? { usedMb: used / 2 ** 20, sizeMb: size / 2 ** 20 }
    : undefined;
}
