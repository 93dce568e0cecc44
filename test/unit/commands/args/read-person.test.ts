import { describe, expect, it } from "vitest";
import { describePerson, readPerson } from "../../../../src/commands/args/read-person.js";
import { parseDirectory } from "../../../../src/directory/load-directory.js";
import { indexPeople } from "../../../../src/directory/people.js";
import { commandPeople } from "../../../helpers/command-world.js";

describe("readPerson", () => {
  it("finds someone by name, account or person id, one person however many entries they hold", () => {
    for (const text of ["袁军", "c1", "wecom:c1", " 袁军 "])
      expect(readPerson(text, commandPeople), text).toMatchObject({
        ok: true,
        value: { personId: "wecom:c1" },
      });
    expect(readPerson("寇宁", commandPeople)).toMatchObject({ ok: true, value: { personId: "wecom:lead1" } });
  });

  it("refuses a name nobody has, and one two people share, naming each with their id", () => {
    expect(readPerson("李四", commandPeople)).toEqual({
      ok: false,
      code: "unknown-person",
      problem: "名录中没有“李四”。",
    });
    const twins = indexPeople(
      parseDirectory(
        `
units:
  - { name: 区财政局, kind: department, contacts: [{ name: 王芳, role: contact, wecomUserId: wf1 }] }
  - { name: 大安镇, kind: town, contacts: [{ name: 王芳, role: head, wecomUserId: wf2 }] }
`,
        "twins.yaml",
      ),
    );
    expect(readPerson("王芳", twins)).toEqual({
      ok: false,
      code: "ambiguous-person",
      problem:
        "名录中有多位“王芳”：王芳（区财政局联络员），账号wecom:wf1、王芳（大安镇负责人），账号wecom:wf2。请改写其账号，如“wecom:wf1”。",
    });
    expect(readPerson("wf2", twins)).toMatchObject({ ok: true, value: { unit: "大安镇" } });
  });

  it("describes a person with every role the directory gives them", () => {
    const c1 = commandPeople.byId("wecom:c1");
    const lead1 = commandPeople.byId("wecom:lead1");
    if (!c1 || !lead1) throw new Error("fixture people missing");
    expect(describePerson(commandPeople, c1)).toBe("袁军（区财政局联络员、大安镇负责人）");
    expect(describePerson(commandPeople, lead1)).toBe("寇宁（牵头领导、督考办管理员）");
  });
});
