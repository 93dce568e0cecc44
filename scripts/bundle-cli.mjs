// Bundles the compiled CLI (dist/, from tsc) into dist/bundle/, which bin/duban.js runs.
//
// Why: Node 20 resolves, reads and compiles each ES module on its own, and the CLI is some 400 of
// them. Measured on a one-day `duban simulate`: about 0.2 s of its 0.8 s of CPU went to loading
// modules one by one. Bundled with code splitting, what a command imports lazily (the importer's
// parsers, the ledger's workbook, the platforms' SDKs) stays in chunks of its own, loaded when used.
// Packages stay outside (node_modules), as do the data files read beside the package root.
//
// Layout matters: dist/bundle/ is as deep as every dist/<folder>/, so code that finds the package
// root from its own file (src/shared/package-root.ts) finds it from a chunk too; and the chart
// renderer's child script is an entry of its own, beside the chunk that forks it
// (src/reports/charts/chart-renderer.ts looks for it there).
import { rmSync } from "node:fs";
import { build } from "esbuild";

// Chunks are named by content: a rebuild into the old folder would leave the old ones beside.
rmSync("dist/bundle", { recursive: true, force: true });
await build({
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
  packages: "external",
  sourcemap: true,
  logLevel: "warning",
});
