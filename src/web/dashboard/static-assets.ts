import { createHash } from "node:crypto";
import { createReadStream, readFileSync, statSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import type Router from "@koa/router";
import { PACKAGE_ROOT } from "../../shared/package-root.js";
import { WEB_PREFIX } from "./paths.js";

/** Where the pages find their script, style and chart library: each URL carries its version. */
export interface AssetUrls {
  css: string;
  js: string;
  echarts: string;
  /** The playground's (at /, src/playground/). */
  playgroundCss: string;
  playgroundJs: string;
}

interface Asset {
  file: string;
  type: string;
  version: string;
}

/** A year: each URL changes with its content (or echarts' version), so nothing stale is kept. */
const LONG_CACHE = "public, max-age=31536000, immutable";

/**
 * The console's own files (web/ at the package root) and ECharts from node_modules, served from
 * the package: an intranet has no internet to fetch them from.
 */
export function mountAssets(router: Router, prefix: string): AssetUrls {
  const require = createRequire(import.meta.url);
  const echartsFile = require.resolve("echarts/dist/echarts.min");
  const echartsVersion = (require("echarts/package.json") as { version: string }).version;
  const own = (name: string, type: string): Asset => {
    const file = ownFile(name);
    return { file, type, version: versionOf(file) };
  };
  const assets: Record<string, Asset> = {
    "console.css": own("console.css", "text/css; charset=utf-8"),
    "console.js": own("console.js", "text/javascript; charset=utf-8"),
    "playground.css": own("playground.css", "text/css; charset=utf-8"),
    "playground.js": own("playground.js", "text/javascript; charset=utf-8"),
    "echarts.min.js": { file: echartsFile, type: "text/javascript; charset=utf-8", version: echartsVersion },
  };
  router.get(`${prefix}/assets/:name`, (ctx) => {
    const asset = assets[ctx.params.name ?? ""];
    if (!asset) return; // Koa answers 404
    ctx.type = asset.type;
    ctx.set("Cache-Control", LONG_CACHE);
    ctx.set("X-Content-Type-Options", "nosniff");
    ctx.length = statSync(asset.file).size;
    ctx.body = createReadStream(asset.file);
  });
  const url = (name: string) => `${prefix}/assets/${name}?v=${assets[name]?.version ?? ""}`;
  return {
    css: url("console.css"),
    js: url("console.js"),
    echarts: url("echarts.min.js"),
    playgroundCss: url("playground.css"),
    playgroundJs: url("playground.js"),
  };
}

const ownFile = (name: string) => join(PACKAGE_ROOT, "web", name);
const versionOf = (file: string) =>
  createHash("sha256").update(readFileSync(file)).digest("hex").slice(0, 12);

let consoleCss: string | undefined;
/**
 * The console's stylesheet as the dashboard serves it (mountAssets under /web), for the pages built
 * outside the dashboard: the sign-in's page and notices, so that their button is a phone's size.
 */
export function consoleStylesheetUrl(): string {
  consoleCss ??= `${WEB_PREFIX}/assets/console.css?v=${versionOf(ownFile("console.css"))}`;
  return consoleCss;
}
