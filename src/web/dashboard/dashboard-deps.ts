import type { Context, Middleware } from "koa";
import type { LedgerSources, LedgerStore } from "../../reports/ledger/ledger-sources.js";
import type { Clock } from "../../shared/clock.js";
import type { AuditStore } from "../../store/audit-entry.js";
import type { Viewer } from "../viewer.js";

/** What the dashboard reads: the ledger's sources, and the audit log for reminders and urges. */
export interface DashboardSources extends LedgerSources {
  store: LedgerStore & { audit: Pick<AuditStore, "query"> };
}

/**
 * What the dashboard needs from the service: its sources (read per request, so a reloaded
 * directory or settings shows at once), the clock, and sign-in's view of who is looking.
 */
export interface DashboardDeps {
  sources: () => DashboardSources;
  clock: Clock;
  /** The signed-in viewer; undefined when nobody is (requireViewer has answered by then). */
  viewerOf: (ctx: Context) => Viewer | undefined;
  /** Runs before every page: answers for a visitor who has not signed in. */
  requireViewer: Middleware;
  /** The page's CSRF token, put in a meta tag for forms and scripts that post. */
  csrfToken?: (ctx: Context) => string;
}
