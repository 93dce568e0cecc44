import type { Indicator } from "./registry.js";

/**
 * What an indicator measures, without its number and the target's wording:
 * "年内城镇新增就业6000人" → "城镇新增就业", "城镇登记失业率控制在3%以内" → "城镇登记失业率".
 */
export function indicatorLabel(indicator: Indicator): string {
  let label = labels.get(indicator);
  if (label === undefined) {
    label = labelOf(indicator);
    labels.set(indicator, label);
  }
  return label;
}

/**
 * Labels by indicator: the ledger, the lights and the digests ask for the same indicators' labels
 * tens of thousands of times, and an imported registry's indicators are frozen (parsed-registry-cache).
 */
const labels = new WeakMap<Indicator, string>();

function labelOf(indicator: Indicator): string {
  const label = indicator.text
    .replace(`${indicator.value}${indicator.unit}`, "")
    .replace(/^(力争)?(年内|全年)?(力争)?(完成|实现|达到)?/, "")
    .replace(/控制在|不超过|达到|以上|以内|以下|左右/g, "")
    .replace(/[，,。；;]+$/, "")
    .trim();
  return label || indicator.text;
}
