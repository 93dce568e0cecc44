#!/usr/bin/env node
// The `duban` command runs the compiled CLI, bundled (npm install builds it through the `prepare`
// script; scripts/bundle-cli.mjs says why it is bundled).
import { existsSync } from "node:fs";

const entry = new URL("../dist/bundle/main.js", import.meta.url);
if (!existsSync(entry)) {
  process.stderr.write(
    "duban: not built yet. Run `npm install` (or `npm run build`) in the project folder.\n",
  );
  process.exit(1);
}
await import(entry.href);
