import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { PHONE, phonePage, screenshotPath, useChromium, watchPageProblems } from "../helpers/browser.js";
import { startServiceProcess, waitFor } from "../helpers/service-process.js";
import { makeTempDir } from "../helpers/temp-dir.js";

/**
 * Issue 15's playground, as a newcomer meets it: the built service started with nothing configured
 * (no seed, no clock), opened at / in a real browser (Debian's Chromium). One click loads the seed
 * and sets the clock to its first reminder morning; the clock runs the morning's reminders; a unit's
 * contact signs for a task and applies for completion; an admin approves; the admin's /web link
 * opens the dashboard. On a desktop screen and a phone's. Screenshots go to test-results/ (the
 * README's come from here: `npm run screenshots`).
 */
const CONTACT = "wecom:demo.u06.contact"; // 徐勇, 区人社局's contact
const ADMIN = "wecom:demo.admin1"; // 袁振华

const browser = useChromium();

async function pick(page: Page, personId: string): Promise<void> {
  await page.locator(`.pg-person[data-person="${personId}"]`).click();
  await expect.poll(() => page.locator(".pg-person.current").getAttribute("data-person")).toBe(personId);
}

const chatText = (page: Page) => page.locator(".pg-chat-list").textContent();

describe("the playground in a browser", () => {
  it("runs a reminder cycle of the seed from a fresh start: seed, clock, sign, report, apply, approve, dashboard", async () => {
    const data = makeTempDir("duban-playground");
    try {
      const service = await startServiceProcess({ DUBAN_DATA_DIR: data.path });
      const context = await browser().newContext({ viewport: { width: 1440, height: 900 }, locale: "zh-CN" });
      const page = await context.newPage();
      const problems = watchPageProblems(page);

      await page.goto(`${service.base}/`);
      await page.waitForSelector("#pg[data-ready='1']");
      expect(await page.locator(".pg-top").textContent()).toContain("尚未导入任务");

      // One click: the seed and its first reminder morning.
      await page.locator("#pg-seed").click();
      await expect
        .poll(() => page.locator(".pg-registry").textContent(), { timeout: 30_000 })
        .toContain("已导入任务66项");
      expect(await page.locator(".pg-face .date").textContent()).toBe("2021年2月22日（周一）");
      // The morning's jobs have run: the T−3 reminders wait in the outbox.
      await expect.poll(() => page.locator(".pg-rows.waiting li").count()).toBeGreaterThan(0);

      // The next event is the first reminder going out (the admins had the calendar's warning at the start).
      const sentBefore = await page.locator(".pg-rows.sent li").count();
      await page.locator("#pg-next").click();
      await expect
        .poll(() => page.locator(".pg-rows.sent li").count(), { timeout: 15_000 })
        .toBeGreaterThan(sentBefore);
      expect(await page.locator(".pg-rows.sent li").first().textContent()).toContain("督办提醒");
      const after = (await page.locator(".pg-face .time").textContent()) ?? "";
      expect(after >= "08:30:00" && after < "12:00:00", after).toBe(true);

      // Three hours on: every T−3 reminder has gone, 徐勇's two among them (tasks 52 and 53).
      await pick(page, CONTACT);
      for (let i = 0; i < 3; i++) await page.locator("#pg-hour").click();
      const card52 = page.locator(".pg-chat-list .card", { hasText: "督办提醒｜第52项进展报送" });
      const card53 = page.locator(".pg-chat-list .card", { hasText: "督办提醒｜第53项进展报送" });
      await card52.waitFor({ timeout: 30_000 });
      await card53.waitFor({ timeout: 30_000 });
      await page.locator('.pg-speeds button[data-speed="0"]').click(); // the clock stands still from here

      // A click signs for 53: the card closes with the choice, as on the platform, and the bot answers.
      await card53.getByRole("button", { name: "签收" }).click();
      await expect.poll(() => chatText(page), { timeout: 15_000 }).toContain("点击了“签收”");
      await expect.poll(() => chatText(page), { timeout: 15_000 }).toContain("已签收第53项");
      await expect.poll(() => card53.locator(".card-closed").textContent()).toBe("已签收");

      // A plain chat reply for 52, as people write them, recorded against the target.
      await page.locator(".pg-composer input").fill("52 已新增就业4200人");
      await page.locator(".pg-composer input").press("Enter");
      await expect.poll(() => page.locator(".pg-msg.person").count(), { timeout: 15_000 }).toBe(2);
      await expect
        .poll(() => page.locator(".pg-msg.bot").last().textContent(), { timeout: 15_000 })
        .toContain("4200");

      await card52.getByRole("button", { name: "申请办结" }).click();
      await expect.poll(() => chatText(page), { timeout: 15_000 }).toContain("办结申请");
      const taskNo = "52";

      // The office approves it from its card; the card closes with the decision.
      await pick(page, ADMIN);
      const request = page.locator(".pg-chat-list .card", { hasText: `办结申请｜第${taskNo}项` });
      await request.waitFor({ timeout: 15_000 });
      await request.getByRole("button", { name: "批准办结" }).click();
      await expect.poll(() => request.locator(".card-closed").count(), { timeout: 15_000 }).toBe(1);
      await page.locator(".pg-tabs button", { hasText: "审计日志" }).click();
      await expect.poll(() => page.locator(".pg-rows.audit").textContent()).toContain("批准申请");
      await page.locator(".pg-tabs button", { hasText: "发件箱" }).click();
      await page.screenshot({ path: screenshotPath("playground.png") });

      // The admin asks for the dashboard in chat and opens the link the answer holds.
      await page.locator(".pg-quick button", { hasText: "/web" }).click();
      const link = await waitFor("the sign-in link in the chat", async () =>
        page
          .locator(".pg-chat-list a[href*='/web/login']")
          .last()
          .getAttribute("href")
          .catch(() => undefined),
      );
      // The service listens on a port of its own choosing here; the link's path is what matters.
      const url = new URL(link ?? "");
      const dashboard = await context.newPage();
      const dashboardProblems = watchPageProblems(dashboard);
      await dashboard.goto(`${service.base}${url.pathname}${url.search}`);
      // The link's page names the person; its one button signs them in.
      await dashboard.getByRole("button", { name: "进入督办看板" }).click();
      await dashboard.waitForURL((opened) => opened.pathname === "/web");
      expect(await dashboard.locator("table.tasks tbody tr").count()).toBeGreaterThan(60);
      await expect.poll(() => dashboard.locator("canvas").count(), { timeout: 10_000 }).toBeGreaterThan(0);
      await dashboard.screenshot({ path: screenshotPath("dashboard.png") });

      expect(problems).toEqual([]);
      expect(dashboardProblems).toEqual([]);
      await context.close();
      expect(await service.stop("SIGTERM")).toEqual({ code: 0, signal: null });
    } finally {
      data.remove();
    }
  }, 180_000);

  it("works on a phone-sized screen: the people in a drop-down, no sideways scrolling", async () => {
    const data = makeTempDir("duban-playground-phone");
    try {
      const service = await startServiceProcess({ DUBAN_DATA_DIR: data.path });
      const page = await phonePage(browser());
      const problems = watchPageProblems(page);
      await page.goto(`${service.base}/`);
      await page.waitForSelector("#pg[data-ready='1']");
      await page.locator(".pg-people-select").selectOption(CONTACT);
      await expect.poll(() => page.locator(".pg-chat-head h2").textContent()).toBe("与徐勇的会话");
      await page.locator(".pg-composer input").fill("/whoami");
      await page.locator(".pg-composer button[type=submit]").tap();
      await expect.poll(() => chatText(page), { timeout: 15_000 }).toContain("徐勇");
      expect(await page.evaluate("document.documentElement.scrollWidth")).toBeLessThanOrEqual(PHONE.width);
      await page.screenshot({ path: screenshotPath("playground-phone.png") });
      expect(problems).toEqual([]);
      await page.context().close();
    } finally {
      data.remove();
    }
  }, 90_000);
});
