import { defineConfig } from "vitest/config";

// The differ's fast table tests only: what Stryker runs against each mutant of the differ's modules.
// The replay over the published history is too slow for that; it stays in `pnpm test`.
export default defineConfig({
  test: {
    include: [
      "test/classify.test.ts",
      "test/schema-shape.test.ts",
      "test/spec-diff.test.ts",
      "test/spec-diff-operations.test.ts",
      "test/spec-diff-renames.test.ts",
      "test/spec-diff-schemas.test.ts",
    ],
    testTimeout: 60_000,
  },
});
