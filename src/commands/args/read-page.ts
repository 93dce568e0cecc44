import { readSmallNumber } from "../../registry/chinese-numerals.js";
import { messages } from "../../templates/template-store.js";
import { type ArgResult, accept, reject } from "./arg-result.js";

const m = messages("commands");
const PAGE = /^(?:第)?(\d{1,3}|[一二两三四五六七八九十]{1,3})(?:页)?$/;

/** A page of a long answer (pageText): "2", "第2页", "第二页"; absent is the first. */
export function readPage(written: string | undefined): ArgResult<number> {
  if (written === undefined) return accept(1);
  const found = PAGE.exec(written.normalize("NFKC").trim());
  const page = found ? readSmallNumber(found[1] ?? "") : undefined;
  return page !== undefined && page >= 1 ? accept(page) : reject("bad-page", m("argBadPage", { written }));
}
