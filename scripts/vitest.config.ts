import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // Two files at a time: on a 2-core host vitest would run one, and this package's files (every one
    // in its own temp dir, on port 0) are often the suite's last lane, with a core left idle.
    maxWorkers: 2,
    // Files share their worker's module graph, as the packages' tests do (vitest-package-config.mjs).
    isolate: false,
  },
});
