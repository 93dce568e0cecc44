/**
 * A reported amount the way an office writes it: 亿元 and 万元 with one decimal (5.0亿元, 1.2万元
 * is how budgets are read out), counts of people and things whole (4200人), anything else with at
 * most two decimals and no trailing zeros.
 */
export function formatAmount(value: number, unit: string): string {
  if (/^[亿万]元$/.test(unit)) return `${value.toFixed(1)}${unit}`;
  return `${formatNumber(value, 2)}${unit}`;
}

/** A share in percent with at most one decimal: 70, 54.3. */
export function formatShare(share: number): string {
  return formatNumber(share, 1);
}

function formatNumber(value: number, decimals: number): string {
  return String(Number(value.toFixed(decimals)));
}
