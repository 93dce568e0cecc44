import { describe, expect, it } from "vitest";
import { parseExtensionReply } from "../../../src/workflow/parse-extension-reply.js";

const TODAY = "2021-12-20";

describe("parseExtensionReply", () => {
  it.each([
    ["2022年1月31日 受疫情影响，招聘会延后举办", "2022-01-31", "受疫情影响，招聘会延后举办"],
    ["延期至2022-01-31，原因：项目审批未完成", "2022-01-31", "项目审批未完成"],
    ["申请延期到2022/1/31前，因设备到货推迟", "2022-01-31", "因设备到货推迟"],
    ["1月31日前完成，因资金拨付滞后", "2022-01-31", "完成，因资金拨付滞后"],
    ["因资金拨付滞后，申请延期至2022年3月底", "2022-03-31", "因资金拨付滞后"],
    ["2022年6月30号，原因：土地手续办理中", "2022-06-30", "土地手续办理中"],
    ["12月31日 年底前可完成验收，需延后一周整改", "2021-12-31", "年底前可完成验收，需延后一周整改"],
  ])("%j → %s", (text, newDeadline, reason) => {
    expect(parseExtensionReply(text, TODAY)).toEqual({ kind: "extension", newDeadline, reason });
  });

  it.each([
    ["因为资金没到位，需要延期", "no-date"],
    ["2022年2月30日 资金未到位", "no-date"],
    ["2022年1月31日", "no-reason"],
    ["延期至2022年1月31日。", "no-reason"],
  ])("asks back about %j (%s)", (text, code) => {
    expect(parseExtensionReply(text, TODAY)).toEqual({ kind: "question", code });
  });
});
