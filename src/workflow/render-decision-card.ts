import { plainDate } from "../calendar/format-dates.js";
import { cardButton } from "../cards/card-actions.js";
import type { ChannelLimits } from "../channels/channel-limits.js";
import type { Card } from "../channels/message.js";
import type { Light } from "../lights/light.js";
import { indicatorLabel } from "../registry/indicator-label.js";
import { shortTitle } from "../registry/short-title.js";
import { writeTarget } from "../registry/write-target.js";
import type { WorkflowRequest } from "../store/workflow-request.js";
import { messages } from "../templates/template-store.js";
import { describeReport } from "../unit-view/describe-report.js";
import type { UnitView } from "../unit-view/unit-view.js";

const m = messages("workflow");
/** Co-units named on the card; the rest are counted. */
const CO_NAMES = 3;

/**
 * The card the office decides a request on: who asks what, the unit's latest report, each
 * indicator's actual against its target (as many as the channels show), the co-units' inputs
 * (the roll-up) and the light, with
 * two buttons: 批准办结/退回 for a completion, 批准延期/不予批准 for an extension.
 */
export function renderDecisionCard(
  request: WorkflowRequest,
  view: UnitView,
  context: { light: Light; requesterName: string; limits: Pick<ChannelLimits, "cardFields"> },
): Card {
  const { task } = view;
  const words = {
    taskNo: task.no,
    shortTitle: shortTitle(task),
    unit: view.unit,
    deadline: plainDate(view.deadline),
    newDeadline: request.newDeadline ? plainDate(request.newDeadline) : "",
    reason: request.reason ?? "",
  };
  const completion = request.kind === "completion";
  const reported = view.coUnits.filter((c) => c.latest);
  const fixed = [
    { label: m("fieldRequester"), value: context.requesterName },
    { label: m("fieldLatest"), value: view.latest ? describeReport(view.latest, task) : m("none") },
    { label: m("fieldLight"), value: context.light.text },
    ...(view.coUnits.length > 0
      ? [
          {
            label: m("fieldCoUnits"),
            value: m("coSummary", {
              reported: reported.length,
              total: view.coUnits.length,
              units: reported
                .slice(0, CO_NAMES)
                .map((c) => c.unit)
                .join("、"),
            }),
          },
        ]
      : []),
    ...(completion
      ? []
      : [{ label: m("fieldExtensions"), value: m("extensionCount", { count: view.extensions }) }]),
  ];
  const indicators = task.indicators.map((indicator, index) => {
    const actual = view.actuals.get(index);
    return {
      label: m("fieldIndicator"),
      value: m("indicatorValue", {
        label: indicatorLabel(indicator),
        actual: actual ? `${actual.value}${actual.unit}` : m("notReported"),
        target: writeTarget(indicator),
      }),
    };
  });
  return {
    title: m(completion ? "cardTitleCompletion" : "cardTitleExtension", words),
    description: m(completion ? "cardDescCompletion" : "cardDescExtension", words),
    fields: [...fixed, ...indicators].slice(0, Math.max(context.limits.cardFields, fixed.length)),
    buttons: completion
      ? [cardButton("approve", { style: "primary" }), cardButton("return", { style: "danger" })]
      : [
          cardButton("approve", { style: "primary", text: m("buttonApproveExtension") }),
          cardButton("reject", { style: "danger" }),
        ],
  };
}
