import type { ChannelLimits } from "../channels/channel-limits.js";
import { messages } from "../templates/template-store.js";

const m = messages("commands");

/** One item of a long answer (a task, a unit), which a page never splits; `section` heads its group. */
export interface PagedBlock {
  text: string;
  section?: string;
}

export interface PagedText {
  /** The answer to send: the page asked for, or, past the last one, how many pages there are. */
  text: string;
  page: number;
  pages: number;
  outOfRange: boolean;
}

const bytes = (text: string) => Buffer.byteLength(text, "utf8");

/**
 * A long answer cut into pages that each fit one message of the channel (`limits.textBytes`, UTF-8
 * bytes, as channels count them). Every page starts with `head`; a block's section title is written
 * where its group starts and again at the top of a page that continues it; a footer says which page
 * this is and what to send for the next (`<command> <n>`, e.g. "/my 2"). An answer that fits one
 * message has no footer. A block too long for a page on its own is cut, with "…".
 */
export function pageText(input: {
  head: string;
  blocks: readonly PagedBlock[];
  page: number;
  limits: Pick<ChannelLimits, "textBytes">;
  /** What to send before a page number: "/my", "/task 52". */
  command: string;
}): PagedText {
  const { head, blocks, limits, command } = input;
  const whole = render(head, blocks, "");
  if (bytes(whole) <= limits.textBytes) {
    return input.page === 1
      ? { text: whole, page: 1, pages: 1, outOfRange: false }
      : { text: m("pageOnlyOne", { command }), page: input.page, pages: 1, outOfRange: true };
  }
  // Room for the longest footer any page can have: the page numbers are at most the block count.
  const widest = footer(blocks.length, blocks.length + 1, command);
  const budget = limits.textBytes - bytes(widest) - 1;
  const pages: PagedBlock[][] = [[]];
  for (const block of blocks) {
    const current = pages[pages.length - 1] as PagedBlock[];
    if (current.length > 0 && bytes(render(head, [...current, block], "")) > budget) pages.push([block]);
    else current.push(block);
  }
  const count = pages.length;
  const at = pages[input.page - 1];
  if (!at)
    return {
      text: m("pageOutOfRange", { pages: count, command }),
      page: input.page,
      pages: count,
      outOfRange: true,
    };
  const fitted = at.map((block) => cutToFit(block, head, budget));
  return {
    text: render(head, fitted, footer(input.page, count, command)),
    page: input.page,
    pages: count,
    outOfRange: false,
  };
}

function footer(page: number, pages: number, command: string): string {
  return page < pages
    ? m("pageFooterMore", { page, pages, next: `${command} ${page + 1}` })
    : m("pageFooterLast", { page, pages });
}

function render(head: string, blocks: readonly PagedBlock[], foot: string): string {
  const lines = [head];
  let section: string | undefined;
  for (const block of blocks) {
    if (block.section !== undefined && block.section !== section) lines.push(block.section);
    section = block.section;
    lines.push(block.text);
  }
  if (foot !== "") lines.push(foot);
  return lines.join("\n");
}

/** The block, cut by characters until the page with it alone fits the budget. */
function cutToFit(block: PagedBlock, head: string, budget: number): PagedBlock {
  if (bytes(render(head, [block], "")) <= budget) return block;
  const chars = [...block.text];
  let keep = chars.length;
  while (
    keep > 0 &&
    bytes(render(head, [{ ...block, text: `${chars.slice(0, keep).join("")}…` }], "")) > budget
  )
    keep = Math.max(0, keep - Math.max(1, Math.ceil(keep * 0.1)));
  return { ...block, text: `${chars.slice(0, keep).join("")}…` };
}
