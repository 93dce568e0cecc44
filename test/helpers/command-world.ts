import type { Caller, CommandContext } from "../../src/commands/command-context.js";
import type { CommandSpec } from "../../src/commands/command-spec.js";
import type { Turn } from "../../src/conversation/turn.js";
import { parseDirectory } from "../../src/directory/load-directory.js";
import { indexPeople } from "../../src/directory/people.js";
import { silentLogger } from "../../src/shared/logger.js";
import type { NewAuditEntry } from "../../src/store/audit-entry.js";

/**
 * A directory where one WeCom id is both a leader and an admin (lead1), and another the contact of
 * one unit and the head of another (c1).
 */
export const COMMAND_DIRECTORY = parseDirectory(
  `
office: { name: 兖州区督考办 }
admins: [{ name: 袁振华, wecomUserId: admin1 }, { name: 寇宁, wecomUserId: lead1 }]
leaders: [{ name: 寇宁, wecomUserId: lead1 }, { name: 孙恒民, wecomUserId: lead2 }]
units:
  - name: 区财政局
    kind: department
    contacts:
      - { name: 袁军, role: contact, wecomUserId: c1 }
      - { name: 局长甲, role: head, wecomUserId: h1 }
  - name: 大安镇
    kind: town
    contacts:
      - { name: 袁军, role: head, wecomUserId: c1 }
`,
  "commands.yaml",
);
export const commandPeople = indexPeople(COMMAND_DIRECTORY);

/**
 * A command context over `caller` that keeps what the command answered and what it wrote to the
 * audit log. Only the parts of the turn the command frame uses are real.
 */
export function fakeCommandContext(caller: Caller, commands: readonly CommandSpec[]) {
  const answers: string[] = [];
  const audit: NewAuditEntry[] = [];
  const turn = {
    deps: {
      store: {
        audit: {
          append: async (entry: NewAuditEntry) => {
            audit.push(entry);
            return { ...entry, seq: audit.length };
          },
        },
      },
      logger: silentLogger,
      directory: COMMAND_DIRECTORY,
    },
    event: {
      kind: "text",
      eventId: "e-1",
      channel: caller.channel,
      from: caller.userId,
      text: "",
      at: "2021-03-22T02:00:00.000Z",
    },
    at: "2021-03-22T02:00:00.000Z",
    date: "2021-03-22",
    answer: async (text: string) => void answers.push(text),
  } as unknown as Turn;
  const ctx: CommandContext = { turn, caller, commands };
  return { ctx, answers, audit };
}
