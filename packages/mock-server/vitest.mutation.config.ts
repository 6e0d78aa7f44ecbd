import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

/**
 * Mutation testing (`pnpm test:mutation`, see stryker.config.json): the unit and HTTP tests of the
 * error, fault, rate-limit, filter and page modules, with the package's own name resolved to src/
 * so that every test sees the mutated source (not dist/).
 */
export default defineConfig({
  resolve: {
    alias: [
      { find: /^@ultravox-api\/mock-server\/handler$/, replacement: fileURLToPath(new URL("src/handler.ts", import.meta.url)) },
      { find: /^@ultravox-api\/mock-server$/, replacement: fileURLToPath(new URL("src/index.ts", import.meta.url)) },
    ],
  },
  test: {
    include: [
      "test/faults-fault-injector.test.ts",
      "test/rate-limit-rate-limiter.test.ts",
      "test/drf-errors.test.ts",
      "test/drf-errors-shapes.test.ts",
      "test/drf-errors-divergences.test.ts",
      "test/drf-messages-reference.test.ts",
      "test/drf-errors-table.test.ts",
      "test/fault-injector-bounds.test.ts",
      "test/rate-limiter-bounds.test.ts",
      "test/sorted-page-cursors.test.ts",
      "test/list-filters-generic.test.ts",
      "test/call-filters-bounds.test.ts",
    ],
    testTimeout: 30_000,
  },
});
