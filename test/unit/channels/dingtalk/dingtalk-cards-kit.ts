import type { DingtalkConfig } from "../../../../src/channels/dingtalk/dingtalk-config.js";
import type {
  DingtalkAnswer,
  DingtalkApi,
  DingtalkCall,
  DingtalkTarget,
} from "../../../../src/channels/dingtalk/dingtalk-contracts.js";
import type { Card } from "../../../../src/channels/message.js";
import { type Clock, fixedClock } from "../../../../src/shared/clock.js";
import { createLogger, type Logger } from "../../../../src/shared/logger.js";

export const SECRET = "app-secret-0123456789abcdefABCDEF";

export const BASE_CONFIG: DingtalkConfig = {
  clientId: "dingappkey0001",
  clientSecret: SECRET,
  robotCode: "dingrobot0001",
  mode: "stream",
  apiBaseUrl: "https://api.dingtalk.com",
  qpsLimit: 20,
  monthlyQuota: 5000,
};

export const TEMPLATE_ID = "0d5a6f3e-1111-2222-3333-444455556666.schema";
export const PUBLIC = "https://duban.example.gov.cn";

export const NOW = "2026-03-02T01:00:00.000Z";
export const clock: Clock = fixedClock(NOW);

/** A reminder card as render-reminder.ts makes one: six buttons, most used first. */
export const REMINDER: Card = {
  title: "督办提醒｜第52项进展报送",
  description: "稳就业。请于3月6日（周五）前报送3月进展。点击下方按钮，或直接回复“52 城镇新增就业3600人”。",
  fields: [
    { label: "责任单位", value: "区人社局（主办）" },
    { label: "报送截止", value: "3月6日（周五）" },
  ],
  buttons: [
    { key: "ack", text: "签收", style: "primary" },
    { key: "on-track", text: "正常推进", style: "default" },
    { key: "difficulty", text: "有困难", style: "default" },
    { key: "complete", text: "申请办结", style: "default" },
    { key: "extend", text: "申请延期", style: "default" },
    { key: "report", text: "填写进展", style: "default" },
  ],
};

export const ZHANG: DingtalkTarget = { kind: "user", personId: "p-zhang", userId: "manager4220" };
export const LI: DingtalkTarget = { kind: "user", personId: "p-li", userId: "0156_li" };
export const GROUP: DingtalkTarget = {
  kind: "group",
  personId: "g-office",
  openConversationId: "cidAsXSBLnA==",
};

/**
 * The OpenAPI client as the cards see it (another part of the folder implements the real one,
 * with its token, bucket and quota): records each call and answers what `answer` says.
 */
export function fakeApi(answer: (call: DingtalkCall) => DingtalkAnswer<unknown> = okAnswer): {
  api: DingtalkApi;
  calls: DingtalkCall[];
} {
  const calls: DingtalkCall[] = [];
  const api: DingtalkApi = {
    call: async <T>(call: DingtalkCall) => {
      calls.push(structuredClone(call));
      return answer(call) as DingtalkAnswer<T>;
    },
  };
  return { api, calls };
}

export function okAnswer(call: DingtalkCall): DingtalkAnswer<unknown> {
  if (call.path.endsWith("/createAndDeliver"))
    return {
      ok: true,
      body: {
        success: true,
        result: {
          outTrackId: (call.body as { outTrackId: string }).outTrackId,
          deliverResults: [{ success: true }],
        },
      },
    };
  if (call.method === "PUT") return { ok: true, body: { success: true, result: true } };
  return {
    ok: true,
    body: { processQueryKey: "pqk-1", invalidStaffIdList: [], flowControlledStaffIdList: [] },
  };
}

export function quietLogger(): { logger: Logger; lines: string[] } {
  const lines: string[] = [];
  return { logger: createLogger({ level: "debug", write: (line) => lines.push(line) }), lines };
}

/** A batchSend's msgParam, which DingTalk wants as a JSON string. */
export function msgParamOf(call: DingtalkCall | undefined): Record<string, string> {
  const body = call?.body as { msgParam?: unknown } | undefined;
  if (typeof body?.msgParam !== "string") throw new Error("msgParam is not a string");
  return JSON.parse(body.msgParam) as Record<string, string>;
}
