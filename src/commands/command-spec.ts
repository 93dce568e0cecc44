import type { CommandContext } from "./command-context.js";

/**
 * Who may run a command, as the directory says: `admin` (the office), `leader` (牵头领导),
 * `contact` (a unit's contact or head), `unknown` (someone not in the directory). A person may hold
 * several roles at once (a leader who is also an admin).
 */
export type Role = "admin" | "leader" | "contact" | "unknown";

/** Every role, the unknown included: for the commands a newcomer needs (/help, /whoami). */
export const EVERYONE: readonly Role[] = ["admin", "leader", "contact", "unknown"];

/**
 * One argument. By position, in the order the spec lists them, or as `name=value` (any of
 * `keys` may stand for `name`: `代理人=李四`).
 */
export interface ParamSpec {
  name: string;
  /** Other keys for `key=value`, Chinese ones first. */
  keys?: readonly string[];
  optional?: boolean;
  /** Only as `key=value`, never by position. */
  namedOnly?: boolean;
  /** The last positional one: takes the rest of the line (a reason with spaces in it). */
  rest?: boolean;
}

/** The arguments as bound to the spec's params, by param name. */
export type CommandArgs = Readonly<Record<string, string>>;

/** What came of a run, for the audit log (the answer itself went out through the turn). */
export interface CommandOutcome {
  /** A short word: "answered", "queued", "not-found"… */
  result: string;
  details?: Record<string, unknown>;
  /** The task or unit the run was about, so the audit can be queried by them. */
  taskNo?: number;
  unit?: string;
}

/**
 * A chat command. Its wording (one-line help, usage, example) lives in templates/commands.yaml
 * under the keys it names here, so that /help and the usage answer are generated from the registry.
 */
export interface CommandSpec {
  /** Typed after a slash: `/help`. Lower-case ASCII. */
  name: string;
  /**
   * Chinese names, accepted with or without the slash. Without it, one counts only as the whole
   * first word of the message, so a reply that merely starts with the same characters stays a reply.
   */
  aliases: readonly string[];
  params: readonly ParamSpec[];
  /** Who may run it; anyone else gets a refusal naming these roles. */
  roles: readonly Role[];
  /** Keys in templates/commands.yaml. */
  text: { summary: string; usage: string; example: string };
  run(ctx: CommandContext, args: CommandArgs): Promise<CommandOutcome>;
}

/** Whether someone holding `roles` may run `spec`. */
export function mayRun(spec: Pick<CommandSpec, "roles">, roles: readonly Role[]): boolean {
  return roles.some((role) => spec.roles.includes(role));
}
