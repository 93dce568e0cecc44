import { describe, expect, it } from "vitest";
import { parseDirectory } from "../../../src/directory/load-directory.js";
import { indexPeople } from "../../../src/directory/people.js";

const yaml = `
admins:
  - { name: 老格式, wecomUserId: old.w, dingtalkUserId: "0001" }
  - { name: 新格式, accounts: { dingtalk: "0002", wecom: new.w } }
  - { name: 两者, wecomUserId: ignored, accounts: { wecom: kept } }
  - { name: 仅钉钉, accounts: { dingtalk: "0004" } }
  - { name: 无账号 }
`;

describe("people's accounts", () => {
  const directory = parseDirectory(yaml, "directory.yaml");

  it("reads the first form (<channel>UserId) as accounts; the accounts map wins", () => {
    expect(directory.admins.map((a) => a.accounts)).toEqual([
      { wecom: "old.w", dingtalk: "0001" },
      { dingtalk: "0002", wecom: "new.w" },
      { wecom: "kept" },
      { dingtalk: "0004" },
      {},
    ]);
  });

  it("makes person ids in the plugin table's order, whatever order the file writes", () => {
    const people = indexPeople(directory, ["wecom", "dingtalk"]);
    expect(people.admins().map((p) => p.personId)).toEqual([
      "wecom:old.w",
      "wecom:new.w",
      "wecom:kept",
      "dingtalk:0004",
      "name:admin/无账号",
    ]);
  });

  it("finds a person by an account on its channel only, and on the local channel by any", () => {
    const people = indexPeople(directory, ["wecom", "dingtalk"]);
    expect(people.byAccount("dingtalk", "0002")?.name).toBe("新格式");
    expect(people.byAccount("wecom", "0002")).toBeUndefined();
    expect(people.byAccount("local", "0002")?.name).toBe("新格式");
    expect(people.byAccount("local", "wecom:kept")?.name).toBe("两者");
  });

  it("refuses a channel name that could not be one", () => {
    expect(() =>
      parseDirectory("admins:\n  - { name: x, accounts: { WeCom: a } }\n", "directory.yaml"),
    ).toThrow(/accounts/);
  });
});
