// Boundaries of src/, checked on every `npm test` (npm run lint:deps) instead of remembered.
// Folder-level cycles are checked by scripts/check-folder-cycles.ts, which cruises with this same
// config: dependency-cruiser's rules see modules, and the cycles that matter are between folders.

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: "platform-outside-its-folder",
      severity: "error",
      comment:
        "Everything of a platform lives in src/channels/<platform>/; the rest of src reaches it only " +
        "through the plugin table (src/channels/plugins.ts), so adding a platform is one folder and " +
        "one line. src/channels/local/ is exempt: it is not a platform but the in-process channel " +
        "that the composition root, the dev routes and the simulator use on purpose.",
      from: { path: "^src/", pathNot: ["^src/channels/[^/]+/", "^src/channels/plugins\\.ts$"] },
      to: { path: "^src/channels/[^/]+/", pathNot: "^src/channels/local/" },
    },
    {
      name: "platform-imports-another-channel",
      severity: "error",
      comment:
        "A channel folder (a platform, or local) stands alone: what two channels share belongs in " +
        "src/channels/*.ts, not in one of them.",
      from: { path: "^src/channels/([^/]+)/" },
      to: { path: "^src/channels/[^/]+/", pathNot: "^src/channels/$1/" },
    },
    {
      name: "src-imports-tests",
      severity: "error",
      comment: "Shipped code must not depend on test or bench code (they are not built into dist/).",
      from: { path: "^src/" },
      to: { path: "^(test|bench)/" },
    },
    {
      name: "not-to-unresolvable",
      severity: "error",
      comment:
        "An import that does not resolve to a file or an installed package is a typo or a missing file.",
      from: {},
      to: { couldNotResolve: true },
    },
    {
      name: "not-to-dev-dep",
      severity: "error",
      comment: "src/ is shipped; what it imports must be a runtime dependency, not a devDependency.",
      from: { path: "^src/" },
      to: { dependencyTypes: ["npm-dev"], dependencyTypesNot: ["type-only"] },
    },
  ],
  options: {
    doNotFollow: { path: "node_modules" },
    // Type-only imports count: `import type { Turn }` ties folders together as much as a value import.
    tsPreCompilationDeps: true,
    tsConfig: { fileName: "tsconfig.json" },
    enhancedResolveOptions: {
      conditionNames: ["import", "require", "node", "default", "types"],
      exportsFields: ["exports"],
      mainFields: ["module", "main", "types", "typings"],
    },
    skipAnalysisNotInRules: true,
  },
};
