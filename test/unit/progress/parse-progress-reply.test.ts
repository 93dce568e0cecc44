import { describe, expect, it } from "vitest";
import { normalizeReply } from "../../../src/progress/normalize-reply.js";
import { parseProgressReply } from "../../../src/progress/parse-progress-reply.js";
import { readTaskNumber } from "../../../src/progress/read-task-number.js";
import type { Indicator } from "../../../src/registry/registry.js";

const at = (text: string, value: number, unit: string, bound: Indicator["bound"] = "min"): Indicator => ({
  text,
  value,
  unit,
  bound,
});

/** Indicators of the seed notice's tasks, as the importer reads them. */
const TASKS: Record<number, Indicator[]> = {
  52: [at("年内城镇新增就业6000人", 6000, "人"), at("城镇登记失业率控制在3%以内", 3, "%", "max")],
  34: [
    at("完成61个村庄生活污水治理", 61, "个"),
    at("新建2座镇级污水处理站", 2, "座"),
    at("铺设污水管网280公里", 280, "公里"),
    at("改造提升农村道路33公里", 33, "公里"),
  ],
  9: [at("年内抓好36个技改项目", 36, "个"), at("技改投资增长8%以上", 8, "%")],
  10: [at("力促100个过亿元项目快建设", 100, "个"), at("年内完成投资150亿元", 150, "亿元")],
  11: [
    at("力争年内引进500强项目10个", 10, "个"),
    at("到位省“十强”产业资金50亿元", 50, "亿元"),
    at("外资1亿美元", 1, "亿美元"),
  ],
  15: [at("新建12万平方米标准化厂房", 12, "万平方米")],
  30: [at("完成5万亩高标准农田建设", 5, "万亩")],
  6: [at("力争年内农机产业产值达到30亿元", 30, "亿元"), at("力争年内化工产业产值达到30亿元", 30, "亿元")],
  53: [],
};

const INDICATORS_52 = ["年内城镇新增就业6000人", "城镇登记失业率控制在3%以内"];

/** Reads a whole reply as the bot does: normalize, task number, then the task's indicators. */
function read(reply: string) {
  const { taskNo, rest } = readTaskNumber(normalizeReply(reply));
  return { taskNo, parsed: parseProgressReply(rest, TASKS[taskNo ?? 53] ?? []) };
}

describe("readTaskNumber", () => {
  it.each([
    ["52 已新增就业4200人", 52, "已新增就业4200人"],
    ["52已新增就业4200人", 52, "已新增就业4200人"],
    ["第52项：完成80%", 52, "完成80%"],
    ["#52、新增就业4200人", 52, "新增就业4200人"],
    ["52. 本月开展招聘会3场", 52, "本月开展招聘会3场"],
    ["５２　新增就业４２００人", 52, "新增就业4200人"],
    ["52 项目已开工", 52, "项目已开工"],
    ["4200人已就业", undefined, "4200人已就业"],
    ["3月25日前完成招聘会", undefined, "3月25日前完成招聘会"],
    ["2.9%", undefined, "2.9%"],
    ["5万亩已完成", undefined, "5万亩已完成"],
    ["4,200人已就业", undefined, "4,200人已就业"],
    ["2022年1月31日前完成", undefined, "2022年1月31日前完成"],
    ["已新增就业4200人", undefined, "已新增就业4200人"],
    ["0 已完成", undefined, "0 已完成"],
    // Task numbers as people write them.
    ["52号 新增就业四千二百人", 52, "新增就业四千二百人"],
    ["52号新增就业4200人", 52, "新增就业4200人"],
    ["52号任务：新增就业4200人", 52, "新增就业4200人"],
    ["12号，完成80%", 12, "完成80%"],
    ["第52项 新增就业四千二百人", 52, "新增就业四千二百人"],
    ["第五十二项 新增就业四千二百人", 52, "新增就业四千二百人"],
    ["第十二项：完成80%", 12, "完成80%"],
    ["第 52 项新增就业4200人", 52, "新增就业4200人"],
    ["52.新增就业4200人", 52, "新增就业4200人"],
    ["52、新增就业4200人", 52, "新增就业4200人"],
    ["（52）新增就业4200人", 52, "新增就业4200人"],
    ["(52) 新增就业4200人", 52, "新增就业4200人"],
    ["【52】新增就业4200人", 52, "新增就业4200人"],
    ["52 正在推进", 52, "正在推进"],
    ["５２号　新增就业４２００人", 52, "新增就业4200人"],
    // Quantities, dates, ordinals and phone numbers at the start are no task numbers.
    ["四千二百人已就业", undefined, "四千二百人已就业"],
    ["25号前完成招聘会", undefined, "25号前完成招聘会"],
    ["25号至28号开展招聘会", undefined, "25号至28号开展招聘会"],
    ["25号上午召开推进会", undefined, "25号上午召开推进会"],
    ["12号新增就业4200人", 12, "新增就业4200人"],
    ["3月25日", undefined, "3月25日"],
    ["3成已完成", undefined, "3成已完成"],
    ["80%已完成", undefined, "80%已完成"],
    ["3-5月开展招聘会", undefined, "3-5月开展招聘会"],
    ["138 1234 5678 联系人徐勇", undefined, "138 1234 5678 联系人徐勇"],
    ["0551-6234-5678", undefined, "0551-6234-5678"],
    ["13812345678 徐勇", undefined, "13812345678 徐勇"],
    ["第一季度新增就业4200人", undefined, "第一季度新增就业4200人"],
    ["十四五期间新增就业4200人", undefined, "十四五期间新增就业4200人"],
  ])("%j → task %s", (reply, taskNo, rest) => {
    expect(readTaskNumber(normalizeReply(reply))).toEqual(taskNo === undefined ? { rest } : { taskNo, rest });
  });
});

describe("parseProgressReply", () => {
  it.each([
    [
      "52 已新增就业4200人，失业率2.9%",
      [
        { indicator: 0, value: 4200, unit: "人" },
        { indicator: 1, value: 2.9, unit: "%" },
      ],
      undefined,
    ],
    ["52 城镇新增就业4,200人", [{ indicator: 0, value: 4200, unit: "人" }], undefined],
    ["52 新增就业0.42万人", [{ indicator: 0, value: 0.42, unit: "万人" }], undefined],
    ["52 新增就业4200余人", [{ indicator: 0, value: 4200, unit: "人" }], undefined],
    ["52 新增就业4200人，其中高校毕业生1200人", [{ indicator: 0, value: 4200, unit: "人" }], undefined],
    ["52 已完成年度目标的80%", [], 80],
    ["52 完成80%，新增就业4800人", [{ indicator: 0, value: 4800, unit: "人" }], 80],
    ["53 完成进度60%", [], 60],
    ["53 80%", [], 80],
    ["53 社保扩面工作稳步推进，参保率同比提高2%", [], undefined],
    [
      "34 完成23个村庄污水治理，铺设污水管网150公里，改造农村道路20公里",
      [
        { indicator: 0, value: 23, unit: "个" },
        { indicator: 2, value: 150, unit: "公里" },
        { indicator: 3, value: 20, unit: "公里" },
      ],
      undefined,
    ],
    ["34 新建镇级污水处理站1座", [{ indicator: 1, value: 1, unit: "座" }], undefined],
    ["34 管网铺设120千米", [{ indicator: 2, value: 120, unit: "千米" }], undefined],
    [
      "9 抓好技改项目20个，技改投资增长6.5%",
      [
        { indicator: 0, value: 20, unit: "个" },
        { indicator: 1, value: 6.5, unit: "%" },
      ],
      undefined,
    ],
    ["9 技改投资增长9.1%，完成年度目标的50%", [{ indicator: 1, value: 9.1, unit: "%" }], 50],
    [
      "10 开工过亿元项目62个，完成投资85.3亿元",
      [
        { indicator: 0, value: 62, unit: "个" },
        { indicator: 1, value: 85.3, unit: "亿元" },
      ],
      undefined,
    ],
    ["10 完成投资8530万元", [{ indicator: 1, value: 8530, unit: "万元" }], undefined],
    [
      "11 引进500强项目3个，到位产业资金12亿元，外资0.4亿美元",
      [
        { indicator: 0, value: 3, unit: "个" },
        { indicator: 1, value: 12, unit: "亿元" },
        { indicator: 2, value: 0.4, unit: "亿美元" },
      ],
      undefined,
    ],
    ["15 新建标准化厂房8.5万平方米", [{ indicator: 0, value: 8.5, unit: "万平方米" }], undefined],
    ["15 厂房主体完工，面积35000平方米", [{ indicator: 0, value: 35000, unit: "平方米" }], undefined],
    ["30 已完成高标准农田3.2万亩", [{ indicator: 0, value: 3.2, unit: "万亩" }], undefined],
    [
      "6 农机产业产值12亿元，化工产业产值9亿元",
      [
        { indicator: 0, value: 12, unit: "亿元" },
        { indicator: 1, value: 9, unit: "亿元" },
      ],
      undefined,
    ],
    ["53 3月25日召开社保工作推进会", [], undefined],
    // Chinese numerals and mixed forms.
    ["52 新增就业四千二百人", [{ indicator: 0, value: 4200, unit: "人" }], undefined],
    ["52 新增就业1.2万人", [{ indicator: 0, value: 1.2, unit: "万人" }], undefined],
    ["52 新增就业两千人", [{ indicator: 0, value: 2000, unit: "人" }], undefined],
    ["52 新增就业一千多人", [{ indicator: 0, value: 1000, unit: "人" }], undefined],
    ["52 新增就业4千人", [{ indicator: 0, value: 4000, unit: "人" }], undefined],
    ["52 新增就业一万零五百人", [{ indicator: 0, value: 10500, unit: "人" }], undefined],
    ["52 新增就业四千二百余人", [{ indicator: 0, value: 4200, unit: "人" }], undefined],
    ["52 新增就业４２００人", [{ indicator: 0, value: 4200, unit: "人" }], undefined],
    ["52 新增就业４，２００人", [{ indicator: 0, value: 4200, unit: "人" }], undefined],
    ["52 城镇登记失业率百分之三", [{ indicator: 1, value: 3, unit: "%" }], undefined],
    ["52 新增就业四千二百人，完成年度目标的七成", [{ indicator: 0, value: 4200, unit: "人" }], 70],
    ["53 完成3成", [], 30],
    ["53 已完成百分之八十", [], 80],
    ["53 百分之六十", [], 60],
    ["10 完成投资一点五亿元", [{ indicator: 1, value: 1.5, unit: "亿元" }], undefined],
    [
      "10 完成投资十二亿元，开工过亿元项目十二个",
      [
        { indicator: 0, value: 12, unit: "个" },
        { indicator: 1, value: 12, unit: "亿元" },
      ],
      undefined,
    ],
    ["34 新建镇级污水处理站两座", [{ indicator: 1, value: 2, unit: "座" }], undefined],
    ["34 完成十二个村庄污水治理", [{ indicator: 0, value: 12, unit: "个" }], undefined],
    ["30 已完成高标准农田三点二万亩", [{ indicator: 0, value: 3.2, unit: "万亩" }], undefined],
    ["53 第一批参保单位三家已完成", [], undefined],
  ])("%j", (reply, values, percent) => {
    const { parsed } = read(reply);
    expect(parsed).toEqual({
      kind: "report",
      values,
      ...(percent === undefined ? {} : { percent }),
      note: readTaskNumber(normalizeReply(reply)).rest,
    });
  });

  it.each([
    ["52", { code: "empty" }],
    ["52 收到", { code: "chatter" }],
    ["52 好的。", { code: "chatter" }],
    [
      "34 本月完成100公里",
      {
        code: "unit-ambiguous",
        written: "100公里",
        candidates: ["铺设污水管网280公里", "改造提升农村道路33公里"],
      },
    ],
    [
      "6 产值达到15亿元",
      {
        code: "unit-ambiguous",
        written: "15亿元",
        candidates: ["力争年内农机产业产值达到30亿元", "力争年内化工产业产值达到30亿元"],
      },
    ],
    ["52 2.9%", { code: "percent-ambiguous", written: "2.9%", indicator: "城镇登记失业率控制在3%以内" }],
    ["53 超额完成120%", { code: "percent-over", written: "120%" }],
    [
      "52 4200人 3800人",
      { code: "values-conflict", indicator: "年内城镇新增就业6000人", written: ["4200人", "3800人"] },
    ],
    [
      "52 新增就业四千二百人 三千八百人",
      {
        code: "values-conflict",
        indicator: "年内城镇新增就业6000人",
        written: ["四千二百人", "三千八百人"],
      },
    ],
    [
      "52 百分之二点九",
      { code: "percent-ambiguous", written: "百分之二点九", indicator: "城镇登记失业率控制在3%以内" },
    ],
    // No value for any indicator: asked back, so that the last good values stay the latest.
    ["52 正在推进", { code: "no-values", indicators: INDICATORS_52 }],
    ["52 开展招聘会12场，培训800人次", { code: "no-values", indicators: INDICATORS_52 }],
    ["52 登记失业率同比下降0.3个百分点", { code: "no-values", indicators: INDICATORS_52 }],
    ["52 新增就业一万五", { code: "no-values", indicators: INDICATORS_52 }],
    ["52 3月25日召开招聘会", { code: "no-values", indicators: INDICATORS_52 }],
    ["52 联系电话13812345678", { code: "no-values", indicators: INDICATORS_52 }],
    ["52 十四五规划编制中", { code: "no-values", indicators: INDICATORS_52 }],
    ["52 对失业人员建立一人一档", { code: "no-values", indicators: INDICATORS_52 }],
  ])("asks back about %j", (reply, question) => {
    expect(read(reply).parsed).toEqual({ kind: "question", question });
  });

  it("records a reply without values when the reader need not give any (a co-unit's words)", () => {
    expect(parseProgressReply("本月组织专场招聘会2场", TASKS[52] ?? [], { requireValue: false })).toEqual({
      kind: "report",
      values: [],
      note: "本月组织专场招聘会2场",
    });
  });

  it("keeps the whole reply as the note, numbers included", () => {
    expect(read("52 已新增就业4200人，失业率2.9%，春风行动招聘会3场").parsed).toMatchObject({
      note: "已新增就业4200人，失业率2.9%，春风行动招聘会3场",
    });
  });
});
