// Fails (exit 1) when folders of src/ import each other in a cycle. Run by `npm run lint:deps`.
// It cruises with .dependency-cruiser.cjs, so it sees the same imports as the module rules
// (type-only imports included, `./x.js` resolved to `./x.ts`).
import { cruise, type ICruiseResult } from "dependency-cruiser";
import extractDepcruiseOptions from "dependency-cruiser/config-utl/extract-depcruise-options";
import extractTSConfig from "dependency-cruiser/config-utl/extract-ts-config";
import { describeFolderCycles, findFolderCycles, type ModuleImport } from "./folder-cycles.js";

const options = await extractDepcruiseOptions("./.dependency-cruiser.cjs");
const tsConfig = extractTSConfig(options.tsConfig?.fileName ?? "tsconfig.json");
const { output } = await cruise(
  ["src"],
  { ...options, validate: false, outputType: "json" },
  {},
  { tsConfig },
);
// The json reporter hands back the result serialised.
const result: ICruiseResult = typeof output === "string" ? JSON.parse(output) : output;

const imports: ModuleImport[] = result.modules.flatMap((module) =>
  module.dependencies.map((dependency) => ({ from: module.source, to: dependency.resolved })),
);
const cycles = findFolderCycles(imports);
if (cycles.length > 0) {
  console.error(describeFolderCycles(cycles));
  console.error(
    `\n✘ ${cycles.length} folder cycle(s) in src/. Move what both sides need into a folder that ` +
      "imports neither (a leaf module), instead of importing back.",
  );
  process.exit(1);
}
console.log(
  `✔ no folder cycles in src/ (${imports.length} imports between ${result.modules.length} modules)`,
);
