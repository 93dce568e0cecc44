import { once } from "node:events";
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import Router from "@koa/router";
import Koa from "koa";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fixedClock } from "../../src/shared/clock.js";
import { SqliteStore } from "../../src/store/sqlite/sqlite-store.js";
import { mountDashboard } from "../../src/web/dashboard/mount-dashboard.js";
import { loadBoard } from "../../src/web/dashboard/task-rows.js";
import { viewerFor } from "../../src/web/viewer.js";
import { importSeed, seedLedgerSources } from "../helpers/seed-world.js";
import { makeTempDir } from "../helpers/temp-dir.js";

/**
 * Issue 15, the dashboard (看板): its pages over the seed registry in a real SQLite store, served
 * by a Koa app, as a leader, a contact and an admin see them. Sign-in is the other half of the
 * console: here the viewer is whoever the test header names.
 */
const HR = "区人力资源和社会保障局";
const ID = {
  leader: "wecom:demo.leader01", // 寇宁: leads tasks 1, 38 and 47
  hr: "wecom:demo.u06.contact", // 徐勇, contact of HR: hosts 52 and 53
  admin: "wecom:demo.admin1", // 袁振华
};
const NOTE = `<script>alert("x")</script> & '引号'`;
const dir = makeTempDir("duban-web-dash");
let store: SqliteStore;
let server: Server;
let base: string;

beforeAll(async () => {
  store = new SqliteStore({ path: join(dir.path, "duban.sqlite") });
  await importSeed(store);
  await store.progress.append({
    taskNo: 52,
    unit: HR,
    cycle: "2021-03",
    reportedBy: ID.hr,
    reportedAt: "2021-03-24T02:00:00.000Z",
    status: "on-track",
    values: [{ indicator: 0, value: 4200, unit: "人" }],
    note: NOTE,
    source: "text",
  });
  await store.audit.append({
    at: "2021-03-22T01:00:00.000Z",
    actor: "system",
    action: "reminder.enqueued",
    taskNo: 52,
    unit: HR,
    person: ID.hr,
    details: { step: "first", cycle: "2021-03", due: "2021-03-25" },
  });
  await store.audit.append({
    at: "2021-03-30T03:00:00.000Z",
    actor: ID.admin,
    action: "reminder.urged",
    taskNo: 52,
    unit: HR,
    person: ID.hr,
    details: { event: "u1" },
  });
  const sources = { ...seedLedgerSources(store), store };
  const router = new Router();
  mountDashboard(router, {
    sources: () => sources,
    clock: fixedClock("2021-04-06T02:00:00.000Z"),
    // A test fixture for sign-in: the viewer is the person the header names.
    viewerOf: (ctx) => {
      const id = ctx.get("x-test-person");
      return id ? viewerFor(sources.people, id) : undefined;
    },
    requireViewer: async (ctx, next) => {
      if (!ctx.get("x-test-person")) ctx.throw(401);
      await next();
    },
    csrfToken: () => "token-1",
  });
  const app = new Koa();
  app.use(router.routes());
  server = app.listen(0, "127.0.0.1");
  await once(server, "listening");
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.close();
  await store.close();
  dir.remove();
});

async function get(path: string, person?: string) {
  const response = await fetch(base + path, { headers: person ? { "x-test-person": person } : {} });
  return { response, body: Buffer.from(await response.arrayBuffer()) };
}

async function page(path: string, person: string) {
  const { response, body } = await get(path, person);
  return { status: response.status, headers: response.headers, html: body.toString("utf8") };
}

/** The task numbers the table lists (each row links to its task). */
function tasksListed(html: string): number[] {
  const rows = html.match(/<td class="no"><a href="\/web\/tasks\/(\d+)">/g) ?? [];
  return rows.map((row) => Number(/(\d+)"/.exec(row)?.[1]));
}

/** What the CSP (script-src 'self', style-src 'self') would block: inline code and styles. */
function inlineCode(html: string): string[] {
  const scripts = [...html.matchAll(/<script\b[^>]*>/g)]
    .map((s) => s[0])
    .filter((tag) => !/\ssrc="/.test(tag) && !/type="application\/json"/.test(tag));
  const styles = html.match(/<style\b|\sstyle=/g) ?? [];
  const handlers = html.match(/\son[a-z]+=/gi) ?? [];
  return [...scripts, ...styles, ...handlers];
}

describe("the table (/web)", () => {
  it("shows a leader only the tasks they lead", async () => {
    const { status, html } = await page("/web", ID.leader);
    expect(status).toBe(200);
    expect(tasksListed(html)).toEqual([1, 38, 47]);
    expect(html).not.toContain("/web/export.xlsx");
    expect(inlineCode(html)).toEqual([]);
  });

  it("shows a contact the tasks of their unit", async () => {
    const board = await loadBoard(seedLedgerSources(store), "2021-04-06");
    const ofHr = board?.rows.filter((r) => r.standings.some((s) => s.unit === HR)).map((r) => r.task.no);
    const { html } = await page("/web", ID.hr);
    expect(ofHr).toContain(52);
    expect(tasksListed(html)).toEqual(ofHr);
  });

  it("shows an admin every task, with counts, the export button and both charts", async () => {
    const started = performance.now();
    const { html, headers } = await page("/web", ID.admin);
    const ms = performance.now() - started;
    const listed = tasksListed(html);
    expect(listed.length).toBe(66);
    expect(html).toContain("任务共66项");
    expect(html).toContain('href="/web/export.xlsx"');
    expect(html).toContain('id="chart-lights"');
    expect(html).toContain('id="chart-pace"');
    expect(html).toContain('<meta name="csrf-token" content="token-1">');
    expect(headers.get("content-security-policy")).toContain("script-src 'self'");
    expect(inlineCode(html)).toEqual([]);
    console.info(`table for the admin: ${html.length} bytes in ${Math.round(ms)} ms`);
  });

  it("filters by leader, unit, light, overdue and search", async () => {
    const leader = await page(`/web?leader=${encodeURIComponent("寇宁")}`, ID.admin);
    expect(tasksListed(leader.html)).toEqual([1, 38, 47]);
    expect(leader.html).toMatch(/<option value="寇宁" selected>/);
    const unit = await page(`/web?unit=${encodeURIComponent(HR)}`, ID.admin);
    expect(tasksListed(unit.html)).toEqual(tasksListed((await page("/web", ID.hr)).html));
    const red = await page("/web?light=red", ID.admin);
    const reds = tasksListed(red.html);
    expect(reds.length).toBeGreaterThan(0);
    expect(red.html.match(/<tr class="row-[a-z]+">/g)?.every((tr) => tr.includes("row-red"))).toBe(true);
    const overdue = await page("/web?overdue=1", ID.admin);
    const rows = overdue.html.split('<tr class="row-').slice(1);
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((row) => row.includes('class="overdue"'))).toBe(true);
    const search = await page(`/web?q=${encodeURIComponent("不良贷款")}`, ID.admin);
    expect(tasksListed(search.html)).toEqual([47]);
    const none = await page(`/web?q=${encodeURIComponent("<b>无此任务</b>")}`, ID.admin);
    expect(tasksListed(none.html)).toEqual([]);
    expect(none.html).toContain('value="&lt;b&gt;无此任务&lt;/b&gt;"');
  });

  it("asks a visitor who has not signed in to sign in", async () => {
    expect((await get("/web")).response.status).toBe(401);
  });
});

describe("a task's page (/web/tasks/:no)", () => {
  it("shows units, indicators, pace, every report with who and when, reminders and urges", async () => {
    const { status, html } = await page("/web/tasks/52", ID.hr);
    expect(status).toBe(200);
    expect(html).toContain("城镇新增就业");
    expect(html).toContain("4200人");
    expect(html).toContain('id="chart-task-pace"');
    expect(html).toContain("徐勇");
    expect(html).toContain("2021年3月24日 10:00");
    expect(html).toContain("已发提醒（1条）");
    expect(html).toContain("首次提醒");
    expect(html).toContain("催办记录（1次）");
    expect(html).toContain("袁振华");
    expect(inlineCode(html)).toEqual([]);
  });

  it("shows what people wrote as text", async () => {
    const { html } = await page("/web/tasks/52", ID.admin);
    expect(html).not.toContain('<script>alert("x")');
    expect(html).toContain("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;引号&#39;");
  });

  it("answers a task the viewer may not see as one that does not exist", async () => {
    const hidden = await page("/web/tasks/52", ID.leader);
    const missing = await page("/web/tasks/999", ID.leader);
    expect(hidden.status).toBe(404);
    expect(missing.status).toBe(404);
    expect(hidden.html).toBe(missing.html);
    expect(hidden.html).not.toContain("城镇新增就业");
    expect((await page("/web/tasks/1", ID.leader)).status).toBe(200);
  });
});

describe("the ledger's export (/web/export.xlsx)", () => {
  it("gives an admin the workbook, named in Chinese", async () => {
    const { response, body } = await get("/web/export.xlsx", ID.admin);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe(
      "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    );
    expect([...body.subarray(0, 4)]).toEqual([0x50, 0x4b, 0x03, 0x04]);
    const disposition = response.headers.get("content-disposition") ?? "";
    expect(disposition).toContain('filename="duban-ledger-2021-04-06.xlsx"');
    expect(decodeURIComponent(disposition.split("UTF-8''")[1] ?? "")).toBe("督办台账（截至2021-04-06）.xlsx");
  });

  it("refuses everyone else", async () => {
    const { response } = await get("/web/export.xlsx", ID.leader);
    expect(response.status).toBe(403);
  });
});

describe("the assets (/web/assets)", () => {
  it("serves the console's files and ECharts from the package, cached long", async () => {
    const js = await get("/web/assets/console.js");
    expect(js.response.headers.get("content-type")).toBe("text/javascript; charset=utf-8");
    expect(js.body.toString()).toContain("echarts.init");
    const css = await get("/web/assets/console.css");
    expect(css.response.headers.get("content-type")).toBe("text/css; charset=utf-8");
    expect(css.body.toString()).toContain("PingFang SC");
    const echarts = await get("/web/assets/echarts.min.js");
    expect(echarts.response.status).toBe(200);
    expect(echarts.body.length).toBeGreaterThan(500_000);
    expect(echarts.response.headers.get("cache-control")).toContain("max-age=31536000");
    expect((await get("/web/assets/secret.txt")).response.status).toBe(404);
    expect((await get("/web/assets/..%2Fpackage.json")).response.status).toBe(404);
  });
});
