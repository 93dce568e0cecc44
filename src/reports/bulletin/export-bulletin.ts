import { writeDocx } from "../docx/write-docx.js";
import type { LedgerSources } from "../ledger/ledger-sources.js";
import { bulletinDraft } from "./bulletin-draft.js";
import type { BulletinPeriod } from "./bulletin-period.js";
import { bulletinSummary } from "./bulletin-summary.js";
import { type Bulletin, collectBulletin } from "./collect-bulletin.js";

/** What `duban bulletin` produced: the .docx draft, the admins' summary, and what they rest on. */
export interface BulletinExport {
  bytes: Uint8Array;
  summary: string;
  bulletin: Bulletin;
}

/**
 * The bulletin of `period` as a .docx draft dated `today` and as the admins' chat summary.
 * Undefined before any import or before the period begins.
 */
export async function exportBulletin(
  sources: LedgerSources,
  options: { period: BulletinPeriod; today: string; now: Date },
): Promise<BulletinExport | undefined> {
  const bulletin = await collectBulletin(sources, options);
  if (!bulletin) return undefined;
  return {
    bytes: writeDocx(bulletinDraft(bulletin, options.today, options.now)),
    summary: bulletinSummary(bulletin, { forAdmins: true }),
    bulletin,
  };
}
