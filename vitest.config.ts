import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    setupFiles: ["test/setup.ts"],
    testTimeout: 20_000,
    // Child-process and Redis tests share machine-wide resources; files still run in parallel.
    pool: "forks",
  },
});
