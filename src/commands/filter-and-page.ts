import { type ArgResult, accept } from "./args/arg-result.js";
import { readPage } from "./args/read-page.js";

const LONE_PAGE = /^(?:\d+|.*页)$/;

/**
 * A command's optional filter word and its page: `/overdue 2` is page 2 of everything,
 * `/overdue 区财政局 2` page 2 of one unit's. The filter param takes the first word by position, so
 * a lone page number lands there and is moved: digits, or a word saying 页 ("第2页"); a lone Chinese
 * numeral stays a filter (八: the registry's eighth chapter).
 */
export function filterAndPage(
  filter: string | undefined,
  page: string | undefined,
): ArgResult<{ filter?: string; page: number }> {
  if (page === undefined && filter !== undefined && LONE_PAGE.test(filter.normalize("NFKC").trim())) {
    const asPage = readPage(filter);
    if (asPage.ok) return accept({ page: asPage.value });
  }
  const read = readPage(page);
  if (!read.ok) return read;
  return accept({ ...(filter !== undefined ? { filter } : {}), page: read.value });
}
