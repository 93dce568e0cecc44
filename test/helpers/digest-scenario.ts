import type { NewProgressReport } from "../../src/store/progress-report.js";
import type { Store } from "../../src/store/store.js";

/**
 * A week of records over the seed for 寇宁's digest of 2021-W14 (sent Tuesday 6 April 09:10, the
 * Monday being 清明; the week before's went out Monday 29 March 09:10). His tasks are 1, 38 and 47.
 */
export const DIGEST_UNITS = {
  epidemic: "区委统筹疫情防控和经济运行工作领导小组（指挥部）",
  daan: "大安镇",
  reform: "区委改革办",
  finance: "优化金融环境指挥部",
  hr: "区人力资源和社会保障局",
};
const ID = {
  epidemic: "wecom:demo.u01.contact", // 王建国
  daan: "wecom:demo.u05.contact", // 周俊杰
  reform: "wecom:demo.u39.contact", // 邱建国
  finance: "wecom:demo.u43.contact", // 龙俊杰
  hr: "wecom:demo.u06.contact", // 徐勇
  admin: "wecom:demo.admin1", // 袁振华
};

function report(
  fields: Partial<NewProgressReport> &
    Pick<NewProgressReport, "taskNo" | "unit" | "reportedBy" | "reportedAt">,
): NewProgressReport {
  return { cycle: "2021-03", status: "on-track", values: [], note: "", source: "text", ...fields };
}

/**
 * Before the last digest: 区委改革办 and 优化金融环境指挥部 report on time. Between the digests: the
 * epidemic command reports 30% late, 大安镇 reports a difficulty, 区委改革办's completion is approved,
 * 优化金融环境指挥部 is given until 30 June 2022, and 区人社局 reports on task 52 (not 寇宁's).
 * After the send instant: a report that must not show. Everyone else stays silent.
 */
export async function recordDigestScenario(store: Store): Promise<void> {
  const { progress, requests } = store;
  const u = DIGEST_UNITS;
  await progress.append(
    report({
      taskNo: 38,
      unit: u.reform,
      reportedBy: ID.reform,
      reportedAt: "2021-03-24T02:00:00.000Z",
      note: "改革试点方案已报区委深改委",
    }),
  );
  await progress.append(
    report({
      taskNo: 47,
      unit: u.finance,
      reportedBy: ID.finance,
      reportedAt: "2021-03-24T03:00:00.000Z",
      note: "不良贷款率2.1%",
    }),
  );
  await progress.append(
    report({
      taskNo: 1,
      unit: u.epidemic,
      reportedBy: ID.epidemic,
      reportedAt: "2021-03-30T01:30:00.000Z",
      percent: 30,
    }),
  );
  await progress.append(
    report({
      taskNo: 1,
      unit: u.daan,
      reportedBy: ID.daan,
      reportedAt: "2021-03-31T02:00:00.000Z",
      status: "difficulty",
      note: "核酸检测试剂短缺，需区里协调调配",
    }),
  );
  await requests.create({
    id: "d38",
    kind: "completion",
    taskNo: 38,
    unit: u.reform,
    requestedBy: ID.reform,
    requestedAt: "2021-03-30T02:00:00.000Z",
  });
  await requests.decide("d38", {
    decision: "approved",
    decidedBy: ID.admin,
    decidedAt: "2021-04-01T02:00:00.000Z",
  });
  await requests.create({
    id: "d47",
    kind: "extension",
    taskNo: 47,
    unit: u.finance,
    requestedBy: ID.finance,
    requestedAt: "2021-03-31T02:00:00.000Z",
    newDeadline: "2022-06-30",
    reason: "风险企业重整周期较长",
  });
  await requests.decide("d47", {
    decision: "approved",
    decidedBy: ID.admin,
    decidedAt: "2021-04-02T02:00:00.000Z",
  });
  await progress.append(
    report({
      taskNo: 52,
      unit: u.hr,
      reportedBy: ID.hr,
      reportedAt: "2021-04-01T02:00:00.000Z",
      values: [{ indicator: 0, value: 4200, unit: "人" }],
    }),
  );
  await progress.append(
    report({
      taskNo: 1,
      unit: u.daan,
      reportedBy: ID.daan,
      reportedAt: "2021-04-06T03:00:00.000Z",
      cycle: "2021-04",
      note: "晚于周报的报送",
    }),
  );
}
