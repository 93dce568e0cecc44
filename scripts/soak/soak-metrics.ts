/** duban_inbound_events_total for one channel, by outcome, from the service's GET /metrics. */
export async function readInboundCounts(base: string, channel: string): Promise<Record<string, number>> {
  const response = await fetch(`${base}/metrics`);
  const text = await response.text();
  if (response.status !== 200) throw new Error(`GET /metrics answered ${response.status}: ${text}`);
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
