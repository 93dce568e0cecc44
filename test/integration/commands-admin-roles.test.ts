import { describe, expect, it } from "vitest";
import { COMMANDS } from "../../src/commands/registry.js";
import { PEOPLE, useProgressApps } from "../helpers/progress-app.js";

/**
 * Issue 13: the office's commands are the admins' alone. Through the real inbound path on the
 * local channel: a contact, a leader and someone not in the directory are refused each of them,
 * politely and naming who may run it, nothing changes, and every refusal is in the audit log; /help
 * lists them to an admin only.
 */
const apps = useProgressApps();
const LEADER = "wecom:demo.leader01";
const STRANGER = "wecom:not.in.directory";
/** Each office command as an admin would type it, with arguments that would change something. */
const OFFICE = [
  "/overdue",
  "/silent",
  "/remind 52",
  "/lights",
  "/stats",
  "/approve 52",
  "/return 52 理由",
  "/reject 52 理由",
  "/reopen 52 人社局 理由",
  "/extend 52 2022-01-31 理由",
  "/mute 52",
  "/unmute 52",
  "/calendar add 3月26日 休",
  "/plan",
  "/outbox",
  "/import confirm",
  "/export",
];

describe("the office's commands and who may run them", () => {
  it("covers every admin-only command of the registry", () => {
    const adminOnly = COMMANDS.filter((c) => c.roles.length === 1 && c.roles[0] === "admin").map(
      (c) => c.name,
    );
    expect(OFFICE.map((text) => text.slice(1).split(" ")[0])).toEqual(adminOnly);
  });

  it("refuses a contact, a leader and a stranger each of them, naming the office, and records each refusal", async () => {
    const app = await apps.remindedMonday();
    const before = await app.store.outbox.stats();
    for (const who of [PEOPLE.hrContact, LEADER, STRANGER]) {
      for (const text of OFFICE) {
        await app.say(who, text);
        expect(await app.lastText(who)).toMatch(/^您好，该命令仅限督考办管理员使用。/);
      }
    }
    const refused = (await app.store.audit.query({})).filter((e) => e.action === "command.refused");
    expect(refused).toHaveLength(OFFICE.length * 3);
    expect(refused.map((e) => e.actor)).toEqual([
      ...OFFICE.map(() => PEOPLE.hrContact),
      ...OFFICE.map(() => LEADER),
      ...OFFICE.map(() => `local:${STRANGER}`),
    ]);
    expect(await app.store.overrides.list()).toEqual([]);
    expect(await app.store.requests.list()).toEqual([]);
    // Only the refusals went out: no urge, no notice.
    const after = await app.store.outbox.stats();
    expect(after.sent - before.sent).toBe(OFFICE.length * 3);
  });

  it("lists them in /help to an admin, and to nobody else", async () => {
    const app = await apps.remindedMonday();
    const listed = async (who: string) => {
      await app.say(who, "/help");
      return [...(await app.lastText(who)).matchAll(/^· \/([a-z]+)/gm)].map((m) => m[1]);
    };
    const office = OFFICE.map((text) => text.slice(1).split(" ")[0]);
    const admin = await listed(PEOPLE.admin1);
    expect(admin.filter((name) => office.includes(name ?? ""))).toEqual(office);
    for (const who of [PEOPLE.hrContact, LEADER, STRANGER])
      expect((await listed(who)).filter((name) => office.includes(name ?? ""))).toEqual([]);
  });
});
