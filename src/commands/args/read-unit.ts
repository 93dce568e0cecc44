import type { Directory, Unit } from "../../directory/directory.js";
import { messages } from "../../templates/template-store.js";
import { editDistance } from "../suggest-command.js";
import { type ArgResult, accept, reject } from "./arg-result.js";

const m = messages("commands");
/** A refusal lists this many candidates, then says how many more there are. */
const MAX_LISTED = 6;

/**
 * A unit of the directory by its name or an alias (区人力资源和社会保障局, 区人社局), or by a part of
 * one when only one unit has it (人社 → 区人力资源和社会保障局). A part several units share is
 * refused with the candidates; an unknown name with the nearest one (one or two characters off),
 * or with an example of how units are written.
 */
export function readUnit(written: string, directory: Directory): ArgResult<Unit> {
  const word = written.normalize("NFKC").trim();
  const names = (unit: Unit) => [unit.name, ...unit.aliases].map((n) => n.normalize("NFKC"));
  const exact = directory.units.find((unit) => names(unit).includes(word));
  if (exact) return accept(exact);
  const containing =
    [...word].length < 2 ? [] : directory.units.filter((u) => names(u).some((n) => n.includes(word)));
  const [only] = containing;
  if (only && containing.length === 1) return accept(only);
  if (containing.length > 1) {
    const listed = containing.slice(0, MAX_LISTED).map((u) => u.name);
    const more = containing.length - listed.length;
    return reject(
      "ambiguous-unit",
      m("argAmbiguousUnit", {
        written,
        candidates: listed.join(m("listSeparator")),
        more: more > 0 ? m("argMoreUnits", { count: more }) : "",
        example: listed[0],
      }),
    );
  }
  const near = nearestUnit(word, directory);
  if (near) return reject("unknown-unit", m("argUnitDidYouMean", { written, name: near.name }));
  const example = directory.units.find((u) => u.aliases.length > 0)?.aliases[0] ?? directory.units[0]?.name;
  return reject("unknown-unit", m("argUnknownUnit", { written, example: example ?? "" }));
}

/** The unit whose name or alias is nearest `word`: at most one edit for short words, two beyond. */
function nearestUnit(word: string, directory: Directory): Unit | undefined {
  const allowed = [...word].length <= 4 ? 1 : 2;
  let best: { unit: Unit; distance: number } | undefined;
  for (const unit of directory.units) {
    const distance = Math.min(...[unit.name, ...unit.aliases].map((name) => editDistance(word, name)));
    if (distance <= allowed && (!best || distance < best.distance)) best = { unit, distance };
  }
  return best?.unit;
}
