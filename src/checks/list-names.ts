import { message } from "../templates/template-store.js";

/** The first `shown` names joined with 、, then 等 when there are more: a warning stays one line. */
export function listNames(names: readonly string[], shown = 10): string {
  const joined = names.slice(0, shown).join(message("checks", "nameSeparator"));
  return names.length > shown ? message("checks", "moreNames", { names: joined }) : joined;
}
