import { indicatorLabel } from "../../registry/indicator-label.js";
import { matchUnit } from "../../registry/match-unit.js";
import { writeTarget } from "../../registry/write-target.js";
import { messages } from "../../templates/template-store.js";
import type { UnitView } from "../../unit-view/unit-view.js";

const m = messages("ledger");

/**
 * A task's indicators in four cells, one line per indicator in each, so that a row stays one
 * task and one unit whatever the number of indicators: 指标 "1. 城镇新增就业", 目标 "6000人",
 * 实际 "4200人", 完成率 "70%". All "" for a task without indicators.
 */
export interface IndicatorCells {
  indicators: string;
  targets: string;
  actuals: string;
  shares: string;
}

export function describeIndicators(view: UnitView): IndicatorCells {
  const lines = view.task.indicators.map((indicator, index) => {
    const actual = view.actuals.get(index);
    const factor = actual && matchUnit(actual.unit, indicator.unit)?.factor;
    let share = m("notMeasured");
    // As /task and the lights measure it: an "at least" target's share reached, an "at most"
    // target's limit kept or not; an "about" target, or units that do not compare, have neither.
    if (actual && factor !== undefined && indicator.value > 0) {
      const value = actual.value * factor;
      if (indicator.bound === "min")
        share = m("shareOf", { share: Math.round((value / indicator.value) * 1000) / 10 });
      else if (indicator.bound === "max") share = m(value > indicator.value ? "overLimit" : "withinLimit");
    }
    return {
      indicator: m("indicatorLine", { n: index + 1, label: indicatorLabel(indicator) }),
      target: writeTarget(indicator),
      // A co-unit is not asked for the numbers: a blank is not a missing report.
      actual: actual
        ? `${actual.value}${actual.unit}`
        : m(view.role === "host" ? "notReported" : "notMeasured"),
      share,
    };
  });
  return {
    indicators: lines.map((l) => l.indicator).join("\n"),
    targets: lines.map((l) => l.target).join("\n"),
    actuals: lines.map((l) => l.actual).join("\n"),
    shares: lines.map((l) => l.share).join("\n"),
  };
}
