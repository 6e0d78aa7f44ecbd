import { defineConfig } from "vitest/config";

// The differ's table tests only: what Stryker runs against each mutant of the differ's modules.
export default defineConfig({
  test: {
    include: ["test/spec-diff.test.ts", "test/classify.test.ts"],
    testTimeout: 60_000,
  },
});
