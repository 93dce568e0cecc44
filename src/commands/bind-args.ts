import type { CommandArgs, ParamSpec } from "./command-spec.js";
import type { ArgToken } from "./read-command.js";

/** Why the words after a command do not fit it; the person gets its usage line and example. */
export type ArgProblem =
  | { kind: "unknown-key"; key: string }
  | { kind: "repeated"; param: string }
  | { kind: "empty"; param: string }
  | { kind: "too-many"; extra: string }
  | { kind: "missing"; param: string };

/**
 * Binds argument words to params: `key=value` by key (the param's name or one of its keys), the
 * other words by position, in the spec's order, to the params not given by key. A `rest` param
 * (the last one) takes all the remaining words, so a reason may contain spaces; a word that looks
 * like `key=value` with a key no param has is then part of it rather than a mistake.
 */
export function bindArgs(
  params: readonly ParamSpec[],
  tokens: readonly ArgToken[],
): { ok: true; args: CommandArgs } | { ok: false; problem: ArgProblem } {
  const byKey = new Map<string, ParamSpec>();
  for (const param of params)
    for (const key of [param.name, ...(param.keys ?? [])]) byKey.set(normalizeKey(key), param);
  const takesRest = params.some((p) => p.rest);
  const values: Record<string, string> = {};
  const positional: ArgToken[] = [];
  for (const token of tokens) {
    const param = token.key === undefined ? undefined : byKey.get(token.key);
    if (!param) {
      if (token.key !== undefined && !takesRest)
        return { ok: false, problem: { kind: "unknown-key", key: token.key } };
      positional.push(token);
      continue;
    }
    if (token.value === "") return { ok: false, problem: { kind: "empty", param: param.name } };
    if (param.name in values) return { ok: false, problem: { kind: "repeated", param: param.name } };
    values[param.name] = token.value;
  }
  const open = params.filter((p) => !p.namedOnly && !(p.name in values));
  for (const [i, token] of positional.entries()) {
    const param = open[i];
    if (!param) return { ok: false, problem: { kind: "too-many", extra: token.raw } };
    if (param.rest) {
      values[param.name] = positional
        .slice(i)
        .map((t) => t.raw)
        .join(" ");
      break;
    }
    values[param.name] = token.raw;
  }
  const missing = params.find((p) => !p.optional && !(p.name in values));
  if (missing) return { ok: false, problem: { kind: "missing", param: missing.name } };
  return { ok: true, args: values };
}

export function normalizeKey(key: string): string {
  return key.normalize("NFKC").toLowerCase();
}
