import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { PHONE, phonePage, screenshotPath, useChromium, watchPageProblems } from "../helpers/browser.js";
import {
  type ServiceProcess,
  seededDataDir,
  startServiceProcess,
  waitFor,
} from "../helpers/service-process.js";

/**
 * Issue 15, in a real browser (Debian's Chromium, driven by playwright-core) against the built
 * service in its own process: a person sends /看板 to the bot, opens the link the answer holds,
 * clicks the page's one button (only that spends the link), and sees what their role allows; on a desktop and on a phone-sized screen. Screenshots of each
 * page go to test-results/ for review.
 */
const LEADER = "wecom:demo.leader01"; // 寇宁, lead leader of tasks 1, 38 and 47
const ADMIN = "wecom:demo.admin1"; // 袁振华

let service: ServiceProcess;
const browser = useChromium();

/** What a person does: sends /看板 in chat, and reads the link out of the bot's answer. */
async function signInLink(person: string, eventId: string): Promise<string> {
  const sent = await service.post("/dev/inbound", { kind: "text", eventId, from: person, text: "/看板" });
  expect(sent.status).toBe(202);
  const answer = await waitFor(`the link for ${person}`, async () => {
    const { body } = await service.get<{
      messages: { idempotencyKey: string; message: { text?: string } }[];
    }>(`/dev/outbox?to=${encodeURIComponent(person)}`);
    return body.messages.find((m) => m.idempotencyKey.startsWith(`answer/local/${eventId}/`))?.message.text;
  });
  const link = /https?:\/\/\S+?\/web\/login\?t=[\w.~-]+/.exec(answer)?.[0];
  if (!link) throw new Error(`no sign-in link in the answer: ${answer}`);
  // The service listens on a port of its own choosing here; the link's path is what matters.
  const url = new URL(link);
  return `${service.base}${url.pathname}${url.search}`;
}

/** Opens the link (a page naming the person, with one button) and clicks the button, as a person does. */
async function openAndSignIn(page: Page, link: string, name: string, screenshot?: string): Promise<void> {
  await page.goto(link);
  expect(await page.locator("h1").textContent()).toBe("进入督办看板");
  expect((await page.locator("main").textContent()) ?? "").toContain(`登录人员：${name}`);
  if (screenshot) await page.screenshot({ path: screenshotPath(screenshot) });
  await page.getByRole("button", { name: "进入督办看板" }).click();
  await page.waitForURL((url) => url.pathname === "/web");
}

async function taskNumbers(page: Page): Promise<number[]> {
  return (await page.locator("table.tasks tbody td.no").allTextContents()).map(Number);
}

/** The built service over the seed, on the demo clock (a Wednesday in April 2021). */
async function startService(): Promise<void> {
  service = await startServiceProcess({
    DUBAN_DATA_DIR: seededDataDir("duban-web-browser"),
    DUBAN_CLOCK: "2021-04-07T10:00+08:00",
  });
}

describe("the web console in a browser", () => {
  it("signs a leader in from the chat link; he sees his tasks only, a task's page, and signs out", async () => {
    await startService();
    const context = await browser().newContext({ locale: "zh-CN" });
    const page = await context.newPage();
    // The 404 and 401 this test asks for are logged as failed loads; anything else is a problem.
    const problems = watchPageProblems(page, (text) => text.startsWith("Failed to load resource"));

    const link = await signInLink(LEADER, "web-leader-1");
    // A chat app's link preview fetches the link first: it spends nothing.
    const preview = await fetch(link, { headers: { "user-agent": "WeComLinkPreview/1.0" } });
    expect(preview.status).toBe(200);
    await openAndSignIn(page, link, "寇宁");
    expect(await taskNumbers(page)).toEqual([1, 38, 47]);
    await expect.poll(() => page.locator("canvas").count(), { timeout: 10_000 }).toBeGreaterThan(0);
    await page.screenshot({ path: screenshotPath("dashboard-leader.png"), fullPage: true });

    await page.locator('table.tasks a[href="/web/tasks/47"]').first().click();
    await page.waitForURL("**/web/tasks/47");
    expect((await page.locator("main").textContent()) ?? "").toContain("47");
    await page.screenshot({ path: screenshotPath("dashboard-task.png"), fullPage: true });

    // Another leader's task is not there for him.
    const other = await page.goto(`${service.base}/web/tasks/52`);
    expect(other?.status()).toBe(404);

    // The link is single-use: opened again, it signs nobody in.
    const again = await (await browser().newContext()).newPage();
    const reused = await again.goto(link);
    expect(reused?.status()).toBe(400);
    expect((await again.locator("main").textContent()) ?? "").toContain("该登录链接已使用过");

    await page.goto(`${service.base}/web`);
    await page.getByRole("button", { name: "退出登录" }).click();
    await page.waitForURL("**/web/signed-out");
    const after = await page.goto(`${service.base}/web`);
    expect(after?.status()).toBe(401);
    // The strict CSP let the page run: no script or style was refused, nothing failed.
    expect(problems).toEqual([]);
    await context.close();
    expect(await service.stop("SIGTERM")).toEqual({ code: 0, signal: null });
  }, 90_000);

  it("signs an admin in on a phone-sized screen: every task, filters, and no sideways scrolling", async () => {
    await startService();
    const page = await phonePage(browser());
    await openAndSignIn(page, await signInLink(ADMIN, "web-admin-1"), "袁振华", "sign-in-phone.png");
    expect(await taskNumbers(page)).toHaveLength(66);
    const width = await page.evaluate("document.documentElement.scrollWidth");
    expect(width).toBeLessThanOrEqual(PHONE.width);
    await page.screenshot({ path: screenshotPath("dashboard-phone.png"), fullPage: false });

    // Filtered by leader through the form, as a person would.
    await page.locator("select[name=leader]").selectOption("寇宁");
    await page.locator("form.filters button[type=submit]").click();
    await page.waitForURL(/leader=/);
    expect(await taskNumbers(page)).toEqual([1, 38, 47]);
    await page.context().close();
  }, 90_000);
});
