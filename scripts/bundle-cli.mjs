// Bundles the compiled CLI (dist/, from tsc) into dist/bundle/, which bin/duban.js runs.
//
// Why: Node 20 resolves, reads and compiles each ES module on its own, and the CLI is some 400 of
// them. Measured on a one-day `duban simulate`: about 0.2 s of its 0.8 s of CPU went to loading
// modules one by one. Bundled with code splitting, what a command imports lazily (the importer's
// parsers, the ledger's workbook, the platforms' SDKs) stays in chunks of its own, loaded when used.
// The small pure-JavaScript packages most commands load at start are bundled too: resolving and
// reading their hundred-odd files one by one cost about 0.05 s of a one-day simulate's 0.55 s.
// Every other package stays in node_modules: those with native parts or files of their own to
// load (better-sqlite3, pino's worker, the chart renderer's), and the big ones loaded lazily. So do
// the data files read beside the package root. dist/bundle/meta.json says which chunk holds which
// package (test/integration/cli-start.test.ts checks what a command loads by it).
//
// Layout matters: dist/bundle/ is as deep as every dist/<folder>/, so code that finds the package
// root from its own file (src/shared/package-root.ts) finds it from a chunk too; and the chart
// renderer's child script is an entry of its own, beside the chunk that forks it
// (src/reports/charts/chart-renderer.ts looks for it there).
import { readFileSync, rmSync, writeFileSync } from "node:fs";
import { build } from "esbuild";

const BUNDLED = ["zod", "commander", "dayjs", "node-cron", "js-yaml"];
const { dependencies } = JSON.parse(readFileSync("package.json", "utf8"));
for (const name of BUNDLED)
  if (!(name in dependencies))
    throw new Error(`scripts/bundle-cli.mjs bundles ${name}, no longer a dependency`);

// Chunks are named by content: a rebuild into the old folder would leave the old ones beside.
rmSync("dist/bundle", { recursive: true, force: true });
const result = await build({
  entryPoints: {
    main: "dist/cli/main.js",
    "chart-renderer-child": "dist/reports/charts/chart-renderer-child.js",
  },
  outdir: "dist/bundle",
  bundle: true,
  splitting: true,
  format: "esm",
  platform: "node",
  target: "node20",
  external: Object.keys(dependencies).filter((name) => !BUNDLED.includes(name)),
  // Bundled CommonJS (commander, dayjs) requires Node's own modules: ES modules have no require.
  banner: {
    js: 'import { createRequire as __bundleRequire } from "node:module"; const require = __bundleRequire(import.meta.url);',
  },
  sourcemap: true,
  metafile: true,
  logLevel: "warning",
});
writeFileSync("dist/bundle/meta.json", JSON.stringify(result.metafile));
