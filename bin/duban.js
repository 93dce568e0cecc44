#!/usr/bin/env node
// The `duban` command runs the compiled CLI (npm install builds it through the `prepare` script).
import { existsSync } from "node:fs";

const entry = new URL("../dist/cli/main.js", import.meta.url);
if (!existsSync(entry)) {
  process.stderr.write(
    "duban: not built yet. Run `npm install` (or `npm run build`) in the project folder.\n",
  );
  process.exit(1);
}
await import(entry.href);
