import { defineConfig } from "vitest/config";
import { srcAliases } from "../../vitest-src-aliases.mjs";

// Two kinds of tests:
// - "unit" (test/**, except test/shipped/): `@ultravox-api/pagination` resolves to src/index.ts
//   (tsconfig.json maps it the same way for the type tests), so they test the source as it is now.
// - "shipped" (test/shipped/**): `@ultravox-api/pagination` resolves through package.json exports to
//   the built dist/, as an installed package would.
// Tests that need another package over HTTP (the client, the mock server) live in packages/integration-tests.
// Stryker sets STRYKER_MUTATOR_WORKER in its workers. Mutation testing measures the unit tests: shipped
// tests never see a mutant, and type tests check no mutable code (tsc would add half a minute per mutant).
const mutationRun = process.env["STRYKER_MUTATOR_WORKER"] !== undefined;

export default defineConfig({
  test: {
    testTimeout: 30_000,
    hookTimeout: 30_000,
    projects: [
      {
        extends: true,
        resolve: { alias: srcAliases(new URL("./", import.meta.url)) },
        test: {
          name: "unit",
          include: ["test/**/*.test.ts"],
          exclude: ["test/shipped/**"],
          typecheck: {
            enabled: !mutationRun,
            include: ["test/**/*.test-d.ts"],
            exclude: ["test/shipped/**"],
            tsconfig: "./tsconfig.json",
          },
        },
      },
      ...(mutationRun ? [] : [{ extends: true as const, test: { name: "shipped", include: ["test/shipped/**/*.test.ts"] } }]),
    ],
  },
});
