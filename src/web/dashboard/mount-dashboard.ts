import type Router from "@koa/router";
import type { Context, Next } from "koa";
import { exportLedger } from "../../reports/ledger/export-ledger.js";
import { businessDate } from "../../shared/clock.js";
import { messages } from "../../templates/template-store.js";
import type { Viewer } from "../viewer.js";
import type { DashboardDeps } from "./dashboard-deps.js";
import { html } from "./escape-html.js";
import { layout, type PageParts } from "./layout.js";
import { WEB_PREFIX } from "./paths.js";
import { type AssetUrls, mountAssets } from "./static-assets.js";
import { applyFilters, readFilters } from "./table-filters.js";
import { tableBody } from "./table-page.js";
import { loadTaskEvents } from "./task-events.js";
import { taskBody } from "./task-page.js";
import { loadBoard } from "./task-rows.js";
import { visibleStandings } from "./visible-tasks.js";

const m = messages("web");

/**
 * Set on the dashboard's answers unless sign-in's middleware set one already: nothing inline,
 * nothing from elsewhere (an intranet has no internet; a page cannot be framed).
 */
export const DASHBOARD_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; " +
  "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

const XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/**
 * The dashboard (看板) under /web: the table of tasks, each task's page, the ledger's export for
 * admins, and the console's assets. Every page but the assets runs `requireViewer` first, and
 * shows only what the viewer's roles let them see.
 */
export function mountDashboard(router: Router, deps: DashboardDeps): AssetUrls {
  const assets = mountAssets(router, WEB_PREFIX);
  const page = (ctx: Context, status: number, parts: PageParts) => {
    ctx.status = status;
    ctx.type = "text/html; charset=utf-8";
    ctx.set("Cache-Control", "no-store");
    ctx.set("X-Content-Type-Options", "nosniff");
    if (!ctx.response.get("Content-Security-Policy")) ctx.set("Content-Security-Policy", DASHBOARD_CSP);
    const csrf = deps.csrfToken?.(ctx);
    ctx.body = layout(assets, { ...parts, ...(csrf ? { csrf } : {}) });
  };
  const message = (ctx: Context, status: number, viewer: Viewer | undefined, title: string, text: string) =>
    page(ctx, status, {
      title,
      ...(viewer ? { viewer } : {}),
      body: html`<h1>${title}</h1><p>${text}</p><p><a href="${WEB_PREFIX}">${m("dashBackToTable")}</a></p>`,
    });
  /** The viewer and the board as of today (of one task, for its page), with only the tasks the viewer may see. */
  const read = async (ctx: Context, only?: { taskNo: number }) => {
    const viewer = deps.viewerOf(ctx);
    if (!viewer) ctx.throw(401);
    const sources = deps.sources();
    const date = businessDate(deps.clock.now());
    const board = await loadBoard(sources, date, only);
    if (!board) return { viewer, sources, board, visible: [] };
    const seen = new Set(
      visibleStandings(
        viewer,
        board.rows.flatMap((r) => r.standings),
      ).map((s) => s.task.no),
    );
    return { viewer, sources, board, visible: board.rows.filter((r) => seen.has(r.task.no)) };
  };
  const signedIn = (ctx: Context, next: Next) => deps.requireViewer(ctx, next);

  router.get(WEB_PREFIX, signedIn, async (ctx) => {
    const { viewer, board, visible, sources } = await read(ctx);
    if (!board) return message(ctx, 200, viewer, m("dashTitle"), m("dashNoRegistry"));
    const filters = readFilters(ctx.query);
    const shown = applyFilters(visible, filters, board.short);
    page(ctx, 200, {
      title: m("dashTitle"),
      viewer,
      charts: shown.length > 0,
      body: tableBody({ board, visible, shown, filters, viewer, calendar: sources.calendar }),
    });
  });

  router.get(`${WEB_PREFIX}/tasks/:no`, signedIn, async (ctx) => {
    const no = /^\d+$/.test(ctx.params.no ?? "") ? Number(ctx.params.no) : Number.NaN;
    const { viewer, board, visible, sources } = await read(ctx, { taskNo: no });
    // The same answer for a task that does not exist and one the viewer may not see.
    const row = visible.find((r) => r.task.no === no);
    if (!board || !row) return message(ctx, 404, viewer, m("dashNotFoundTitle"), m("dashNotFound"));
    const events = await loadTaskEvents(sources, row.task, board.date);
    page(ctx, 200, {
      title: m("dashTaskTitle", { no }),
      viewer,
      charts: true,
      body: taskBody(board, row, events, sources.calendar),
    });
  });

  router.get(`${WEB_PREFIX}/export.xlsx`, signedIn, async (ctx) => {
    const viewer = deps.viewerOf(ctx);
    if (!viewer?.roles.includes("admin"))
      return message(ctx, 403, viewer, m("dashForbiddenTitle"), m("dashForbidden"));
    const date = businessDate(deps.clock.now());
    const by = ctx.query.by === "leader" ? "leader" : "section";
    const ledger = await exportLedger(deps.sources(), { date, by });
    if (!ledger) return message(ctx, 404, viewer, m("dashTitle"), m("dashNoRegistry"));
    const name = m("dashExportFile", { date });
    ctx.type = XLSX;
    ctx.set("Cache-Control", "no-store");
    ctx.set(
      "Content-Disposition",
      `attachment; filename="duban-ledger-${date}.xlsx"; filename*=UTF-8''${encodeURIComponent(name)}`,
    );
    ctx.body = Buffer.from(ledger.bytes);
  });
  return assets;
}
