import { existsSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import { type Browser, chromium, type Page } from "playwright-core";
import { afterAll, beforeAll } from "vitest";

/**
 * Debian's Chromium, which .ci/run installs when missing (`apt-get install chromium`): the browser
 * tests drive the real thing with playwright-core, and never download one. The flags keep it off
 * the network (this machine's is closed: without them it tries Google's hosts at every start).
 */
export const CHROMIUM = process.env.DUBAN_CHROMIUM ?? "/usr/bin/chromium";

const FLAGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--disable-default-apps",
  "--disable-extensions",
];

export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM))
    throw new Error(`${CHROMIUM} is missing: apt-get install chromium (.ci/run does), or set DUBAN_CHROMIUM`);
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: FLAGS });
}

/**
 * Where screenshots go for review: test-results/ (ignored by git), or DUBAN_SCREENSHOT_DIR
 * (`npm run screenshots` writes the README's into docs/images/).
 */
export function screenshotPath(name: string): string {
  const dir = process.env.DUBAN_SCREENSHOT_DIR ?? join(process.cwd(), "test-results");
  mkdirSync(dir, { recursive: true });
  return join(dir, name);
}

/** Chromium for the calling test file: launched before its tests, closed after them; call `browser()` in a test. */
export function useChromium(): () => Browser {
  let browser: Browser | undefined;
  beforeAll(async () => {
    browser = await launchChromium();
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
  });
  return () => {
    if (!browser)
      throw new Error("Chromium is not running: useChromium() belongs at the top of the test file");
    return browser;
  };
}

/**
 * Console errors and uncaught exceptions of a page, as they come (a strict CSP refusing anything
 * shows here); `expected` leaves out the console errors a test asks for (a 404 it opens on purpose).
 */
export function watchPageProblems(page: Page, expected: (text: string) => boolean = () => false): string[] {
  const problems: string[] = [];
  page.on("console", (message) => {
    if (message.type() === "error" && !expected(message.text())) problems.push(message.text());
  });
  page.on("pageerror", (error) => problems.push(error.message));
  return problems;
}

/** A phone's screen (an iPhone 12's CSS pixels): what the pages must fit without sideways scrolling. */
export const PHONE = { width: 390, height: 844 };

/** A new page in `browser` as a phone shows it: its screen, touch, and Chinese. */
export async function phonePage(browser: Browser): Promise<Page> {
  const context = await browser.newContext({
    viewport: PHONE,
    isMobile: true,
    hasTouch: true,
    locale: "zh-CN",
  });
  return context.newPage();
}
