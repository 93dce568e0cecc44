import { describe, expect, it } from "vitest";
import { rawRequest, statusLine } from "../helpers/raw-http.js";
import {
  type ServiceProcess,
  seededDataDir,
  startServiceProcess,
  waitFor,
} from "../helpers/service-process.js";
import { makeTempDir } from "../helpers/temp-dir.js";

/**
 * The playground's routes over HTTP, against the built service in its own process: who may use
 * them, what the seed and the clock do, and what is refused. The browser test runs the flow.
 */
const CONTACT = "wecom:demo.u06.contact";

async function tokenOf(service: ServiceProcess): Promise<string> {
  const page = await fetch(`${service.base}/`);
  expect(page.status).toBe(200);
  expect(page.headers.get("content-security-policy")).toContain("script-src 'self'");
  const token = /name="playground-token" content="([^"]+)"/.exec(await page.text())?.[1];
  if (!token) throw new Error("no token in the page");
  return token;
}

const postWith = (service: ServiceProcess, token: string | undefined, path: string, body: unknown) =>
  fetch(`${service.base}${path}`, {
    method: "POST",
    headers: { "content-type": "application/json", ...(token ? { "x-playground-token": token } : {}) },
    body: JSON.stringify(body),
  });

interface State {
  clock: { now: string; speed: number; controllable: boolean };
  registry: { tasks: number } | null;
  people?: { id: string; role: string }[];
  chat?: { side: string; text?: string; message?: { kind: string; text?: string } }[];
}

const state = async (service: ServiceProcess, query = "") =>
  (await service.get<State>(`/playground/state${query}`)).body;

describe("the playground's routes", () => {
  it("loads the seed into an empty store once, moving the clock to its first morning; refuses a second time", async () => {
    const data = makeTempDir("duban-playground-seed");
    try {
      const service = await startServiceProcess({ DUBAN_DATA_DIR: data.path });
      const token = await tokenOf(service);
      const before = await state(service, "?people=1");
      expect(before.registry).toBeNull();
      expect(before.clock.controllable).toBe(true);
      expect(Math.abs(Date.parse(before.clock.now) - Date.now())).toBeLessThan(60_000); // real time until moved
      expect(before.people?.[0]).toEqual({ id: "wecom:demo.admin1", name: "袁振华", role: "admin" });

      expect((await postWith(service, undefined, "/playground/seed", {})).status).toBe(403); // no token
      const seeded = await postWith(service, token, "/playground/seed", {});
      expect(seeded.status).toBe(200);
      expect(await seeded.json()).toMatchObject({ loaded: true, tasks: 66, clockMoved: true });
      const after = await state(service);
      expect(after.registry?.tasks).toBe(66);
      expect(after.clock.now.slice(0, 16)).toBe("2021-02-22T00:20");
      // The morning's sweep ran at once: the T−3 reminders wait.
      await waitFor("the T−3 reminders", async () =>
        service.logs().find((r) => r.msg === "job ran" && r.job === "reminder-sweep" && r.enqueued === 66),
      );
      const again = await postWith(service, token, "/playground/seed", {});
      expect(again.status).toBe(409);
      expect((await state(service)).registry?.tasks).toBe(66);
      expect(await service.stop("SIGTERM")).toEqual({ code: 0, signal: null });
    } finally {
      data.remove();
    }
  }, 90_000);

  it("never replaces a registry already there, and moves no clock then", async () => {
    const service = await startServiceProcess({
      DUBAN_DATA_DIR: seededDataDir("duban-playground-seeded"),
      DUBAN_CLOCK: "2021-05-10T10:00+08:00",
    });
    const token = await tokenOf(service);
    const answer = await postWith(service, token, "/playground/seed", {});
    expect(answer.status).toBe(409);
    expect(await answer.json()).toEqual({ error: expect.stringContaining("already loaded") });
    expect((await state(service)).clock.now.slice(0, 10)).toBe("2021-05-10");
  }, 90_000);

  it("drives the demo clock: pause, a speed, an hour on; refuses a speed it does not offer", async () => {
    const service = await startServiceProcess({
      DUBAN_DATA_DIR: seededDataDir("duban-playground-clock"),
      DUBAN_CLOCK: "2021-05-10T10:00+08:00",
    });
    const token = await tokenOf(service);
    expect((await postWith(service, token, "/playground/clock", { action: "speed", speed: 0 })).status).toBe(
      200,
    );
    const paused = (await state(service)).clock;
    expect(paused.speed).toBe(0);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect((await state(service)).clock.now).toBe(paused.now);
    await postWith(service, token, "/playground/clock", { action: "hour" });
    expect(Date.parse((await state(service)).clock.now) - Date.parse(paused.now)).toBe(3_600_000);
    expect((await postWith(service, token, "/playground/clock", { action: "speed", speed: 7 })).status).toBe(
      400,
    );
    expect((await postWith(service, token, "/playground/clock", { action: "back" })).status).toBe(400);
    await postWith(service, token, "/playground/clock", { action: "speed", speed: 3600 });
    expect((await state(service)).clock.speed).toBe(3600);
  }, 90_000);

  it("says and clicks as a person of the directory only, and shows both sides of the chat", async () => {
    const service = await startServiceProcess({
      DUBAN_DATA_DIR: seededDataDir("duban-playground-chat"),
      DUBAN_CLOCK: "2021-05-10T10:00+08:00",
    });
    const token = await tokenOf(service);
    const stranger = await postWith(service, token, "/playground/say", {
      from: "wecom:nobody",
      text: "/help",
    });
    expect(stranger.status).toBe(400);
    expect((await postWith(service, token, "/playground/say", { from: CONTACT })).status).toBe(400);
    expect(
      (await postWith(service, token, "/playground/say", { from: CONTACT, text: "/whoami" })).status,
    ).toBe(202);
    const chat = await waitFor("the answer", async () => {
      const { chat } = await state(service, `?person=${encodeURIComponent(CONTACT)}`);
      return chat && chat.length >= 2 ? chat : undefined;
    });
    expect(chat[0]).toMatchObject({ side: "person", kind: "text", text: "/whoami" });
    expect(chat[1]).toMatchObject({ side: "bot", message: { kind: "text" } });
    expect(chat[1]?.message?.text).toContain("徐勇");
  }, 90_000);

  it("answers 403 to a Host that is not this machine, and to a post without the page's token", async () => {
    const service = await startServiceProcess({ DUBAN_DATA_DIR: seededDataDir("duban-playground-guard") });
    const { port } = new URL(service.base);
    const response = await rawRequest(
      { host: "127.0.0.1", port: Number(port) },
      { method: "GET", path: "/", headers: { Host: "rebind.example.com" } },
    );
    expect(statusLine(response)).toBe("HTTP/1.1 403 Forbidden");
    const token = await tokenOf(service);
    const wrong = await postWith(service, `${token}x`, "/playground/say", { from: CONTACT, text: "/help" });
    expect(wrong.status).toBe(403);
    const form = await fetch(`${service.base}/playground/say`, {
      method: "POST",
      headers: { "content-type": "text/plain", "x-playground-token": token },
      body: JSON.stringify({ from: CONTACT, text: "/help" }),
    });
    expect(form.status).toBe(415);
  }, 90_000);

  it("is off with DUBAN_PLAYGROUND=0", async () => {
    const service = await startServiceProcess({
      DUBAN_DATA_DIR: seededDataDir("duban-playground-off"),
      DUBAN_PLAYGROUND: "0",
    });
    expect((await fetch(`${service.base}/`)).status).toBe(404);
    expect((await service.get("/playground/state")).status).toBe(404);
  }, 90_000);
});
