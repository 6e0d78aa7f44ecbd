// The vitest setup every package shares, so a package's vitest.config.ts states only what is its own.
import { env } from "node:process";
import { defineConfig } from "vitest/config";
import { srcAliases } from "./vitest-src-aliases.mjs";

/**
 * A package's vitest config: `test/**\/*.test.ts`, type tests in `test/**\/*.test-d.ts` (against
 * tsconfig.json), test and hook timeouts of `timeoutMs` (default 30 s).
 *
 * With `srcOf` (the package directory, trailing slash) the tests run as two projects:
 * - "unit" (all but test/shipped/): the package's own name and subpath exports resolve to src/
 *   (see vitest-src-aliases.mjs), so they test the source as it is now;
 * - "shipped" (test/shipped/): the name resolves through package.json exports to the built dist/,
 *   as an installed package would.
 * Test files share their worker's module graph (`isolate: false`): re-importing a package's modules
 * for every file cost the mock's and the client's tests about a third of their CPU time. A file that swaps a module for
 * another (vi.doMock) resets the module registry when it ends, so the next file starts clean.
 * Stryker sets STRYKER_MUTATOR_WORKER in its workers: mutation testing measures the unit tests only
 * (shipped tests never see a mutant; type tests check no mutable code and tsc would add half a
 * minute per mutant).
 * @param {{ srcOf?: URL; timeoutMs?: number }} [options]
 */
export function packageTestConfig(options = {}) {
  const timeout = options.timeoutMs ?? 30_000;
  const typecheck = (enabled, exclude) => ({ enabled, include: ["test/**/*.test-d.ts"], exclude, tsconfig: "./tsconfig.json" });
  if (options.srcOf === undefined) {
    return defineConfig({ test: { include: ["test/**/*.test.ts"], isolate: false, testTimeout: timeout, hookTimeout: timeout, typecheck: typecheck(true, []) } });
  }
  const mutationRun = env["STRYKER_MUTATOR_WORKER"] !== undefined;
  const shipped = { extends: true, test: { name: "shipped", include: ["test/shipped/**/*.test.ts"] } };
  return defineConfig({
    test: {
      isolate: false,
      testTimeout: timeout,
      hookTimeout: timeout,
      projects: [
        {
          extends: true,
          resolve: { alias: srcAliases(options.srcOf) },
          test: { name: "unit", include: ["test/**/*.test.ts"], exclude: ["test/shipped/**"], typecheck: typecheck(!mutationRun, ["test/shipped/**"]) },
        },
        ...(mutationRun ? [] : [shipped]),
      ],
    },
  });
}
