import { type ArgResult, accept } from "./args/arg-result.js";
import { readPage } from "./args/read-page.js";

/**
 * A command's optional filter word and its page: `/overdue 2` is page 2 of everything,
 * `/overdue 区财政局 2` page 2 of one unit's. The filter param takes the first word by position, so
 * a lone page number lands there and is moved.
 */
export function filterAndPage(
  filter: string | undefined,
  page: string | undefined,
): ArgResult<{ filter?: string; page: number }> {
  if (page === undefined && filter !== undefined) {
    const asPage = readPage(filter);
    if (asPage.ok) return accept({ page: asPage.value });
  }
  const read = readPage(page);
  if (!read.ok) return read;
  return accept({ ...(filter !== undefined ? { filter } : {}), page: read.value });
}
