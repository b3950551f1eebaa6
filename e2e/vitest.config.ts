// End-to-end tests: real `koe serve` processes driven by Debian's Chromium. Run with `npm run test:e2e`.
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["e2e/**/*.test.ts"],
    fileParallelism: false,
    sequence: { concurrent: false },
    pool: "forks",
    maxWorkers: 1,
    testTimeout: 60_000,
    hookTimeout: 120_000, // a cold `koe serve` (embedded PostgreSQL, migrations) on a busy 2-core machine
  },
});
