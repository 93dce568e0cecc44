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

/** The outbox as GET /metrics shows it: messages by state and the dispatcher's lag in seconds. */
export async function readOutboxGauges(
  base: string,
): Promise<{ states: Record<string, number>; lagS: number }> {
  const text = await (await fetch(`${base}/metrics`)).text();
  const states: Record<string, number> = {};
  for (const match of text.matchAll(/^duban_outbox_messages\{state="(\w+)"\} ([0-9.e+]+)$/gm))
    states[match[1] ?? ""] = Number(match[2]);
  const lag = /^duban_outbox_lag_seconds ([0-9.e+]+|NaN)$/m.exec(text)?.[1];
  return { states, lagS: Number(lag ?? Number.NaN) };
}
