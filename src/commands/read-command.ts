import { normalizeKey } from "./bind-args.js";
import type { CommandSpec } from "./command-spec.js";

/** One word after the command: `12`, or `代理人=李四` (key and value). */
export interface ArgToken {
  /** As written. */
  raw: string;
  /** For `key=value`: the key, NFKC-normalized and lower-cased. */
  key?: string;
  value: string;
}

/**
 * A message read as a command: a known one with its argument words, or a slash followed by a word
 * no command has (`/hlep`), which is still a command, never a progress reply.
 */
export type CommandLine =
  | { kind: "command"; spec: CommandSpec; typed: string; args: ArgToken[] }
  | { kind: "unknown"; typed: string };

/**
 * The slash, as phones type it: ASCII, full-width, or the 、 a Chinese keyboard gives for the "/"
 * key (then only before a Latin letter, since 、 also opens enumerations in prose).
 */
const SLASH = /^(?:[/／]|、(?=[A-Za-zＡ-Ｚａ-ｚ]))\s*/;
/** Punctuation a word may end with and still be the command: 帮助？ /help! 我是谁。 */
const TRAILING_PUNCTUATION = /[?？!！。.，,~～]+$/;
const KEY_VALUE = /^([^=＝]+)[=＝]([\s\S]*)$/;

/**
 * Reads `text` (a 1:1 message) as a command, or returns undefined when it is not one and goes on
 * to the progress-reply parser. A command is:
 * - `/name args`, `/别名 args` (any message starting with a slash is a command, known or not);
 * - a Chinese alias as the whole first word, followed by arguments only when the command takes
 *   some. Chinese is written without spaces, so "帮助" or "帮助 " is the command while
 *   "帮助企业纾困解难已完成" is a reply, and so is "帮助 企业…" for a command that takes no arguments.
 */
export function readCommand(text: string, commands: readonly CommandSpec[]): CommandLine | undefined {
  const trimmed = text.trim();
  const slash = SLASH.exec(trimmed);
  const body = slash ? trimmed.slice(slash[0].length) : trimmed;
  const [head = "", ...words] = body.split(/\s+/).filter((w) => w !== "");
  const typed = normalizeWord(head);
  if (slash) {
    const spec = commands.find((c) => c.name === typed || c.aliases.includes(typed));
    return spec ? { kind: "command", spec, typed, args: words.map(readToken) } : { kind: "unknown", typed };
  }
  const spec = commands.find((c) => c.aliases.includes(typed));
  if (!spec || (words.length > 0 && spec.params.length === 0)) return undefined;
  return { kind: "command", spec, typed, args: words.map(readToken) };
}

/** Full-width Latin letters become ASCII, case is ignored, trailing punctuation dropped. */
export function normalizeWord(word: string): string {
  return word.normalize("NFKC").toLowerCase().replace(TRAILING_PUNCTUATION, "");
}

function readToken(raw: string): ArgToken {
  const pair = KEY_VALUE.exec(raw);
  if (!pair) return { raw, value: raw };
  return { raw, key: normalizeKey(pair[1] ?? ""), value: pair[2] ?? "" };
}
