import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["packages/*/src/**/*.test.ts", "packages/*/test/**/*.test.ts"],
    globalSetup: ["packages/server/test/global-setup.ts"],
    // Every API answer a test receives is held against the OpenAPI document.
    setupFiles: ["packages/server/test/contract-setup.ts"],
    pool: "forks",
    maxWorkers: 2,
    // Limits catch hangs, not slowness: every test stays under a third of them on an idle 2-core machine
    // (docs/PERFORMANCE.md lists the slowest), so a loaded machine does not turn CI red.
    testTimeout: 90_000,
    hookTimeout: 120_000,
  },
});
