import { describe, expect, it } from "vitest";
import { callerOf, rolesOf } from "../../../src/commands/caller-roles.js";
import { commandPeople } from "../../helpers/command-world.js";

const found = (userId: string) => {
  const person = commandPeople.byAccount("wecom", userId);
  if (!person) throw new Error(`no ${userId}`);
  return person;
};

describe("rolesOf", () => {
  it("gives a leader who is also an admin both roles, most trusted first", () => {
    const { roles, entries } = rolesOf(commandPeople, found("lead1"));
    expect(roles).toEqual(["admin", "leader"]);
    expect(entries.map((e) => e.role)).toEqual(["leader", "admin"]);
  });

  it("gives a contact of one unit and head of another one role, and both units", () => {
    const { roles, entries } = rolesOf(commandPeople, found("c1"));
    expect(roles).toEqual(["contact"]);
    expect(entries.map((e) => [e.unit, e.role])).toEqual([
      ["区财政局", "contact"],
      ["大安镇", "head"],
    ]);
  });

  it("gives one role to someone with one entry", () => {
    expect(rolesOf(commandPeople, found("admin1")).roles).toEqual(["admin"]);
    expect(rolesOf(commandPeople, found("lead2")).roles).toEqual(["leader"]);
    expect(rolesOf(commandPeople, found("h1")).roles).toEqual(["contact"]);
  });
});

describe("callerOf", () => {
  it("keeps the channel and id the event came from, and acts as the person", () => {
    expect(callerOf(commandPeople, { channel: "wecom", from: "lead1" }, found("lead1"))).toMatchObject({
      channel: "wecom",
      userId: "lead1",
      roles: ["admin", "leader"],
      actor: "wecom:lead1",
    });
  });

  it("makes someone the directory does not know an unknown caller, acting under their platform id", () => {
    expect(callerOf(commandPeople, { channel: "wecom", from: "newbie" }, undefined)).toEqual({
      channel: "wecom",
      userId: "newbie",
      entries: [],
      roles: ["unknown"],
      actor: "wecom:newbie",
    });
  });
});
