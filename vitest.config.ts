import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    setupFiles: ["test/setup.ts"],
    // Builds dist/ when src/ is newer: the product tests spawn the built CLI.
    globalSetup: ["test/global-setup.ts"],
    testTimeout: 20_000,
    // Child-process and Redis tests share machine-wide resources; files still run in parallel.
    pool: "forks",
  },
});
