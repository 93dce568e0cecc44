import { message } from "../templates/template-store.js";
import type { Indicator } from "./registry.js";

const KEY = { min: "targetMin", max: "targetMax", exact: "targetExact" } as const;

/** An indicator's target as people read it: "6000人", "3%以内", "30亿元左右". */
export function writeTarget(indicator: Indicator): string {
  return message("progress", KEY[indicator.bound], { value: indicator.value, unit: indicator.unit });
}
