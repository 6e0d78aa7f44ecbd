import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import { fileURLToPath, pathToFileURL } from "node:url";

/** The part of `@ultravox-api/pagination` the end-to-end tests use. */
export interface Pagination {
  readonly paginate: (client: unknown, path: string, init?: unknown, options?: { readonly pageSize?: number }) => AsyncIterable<unknown>;
  readonly collect: (client: unknown, path: string, init?: unknown, options?: { readonly pageSize?: number }) => Promise<unknown[]>;
}

const packageDir = fileURLToPath(new URL("../../../pagination/", import.meta.url));

/**
 * Loads what `@ultravox-api/pagination` ships (its dist), building it first if needed. It cannot be
 * a dependency of this package: it dev-depends on the mock server, and turbo rejects the cycle.
 */
export async function loadPagination(): Promise<Pagination> {
  const entry = `${packageDir}dist/index.js`;
  if (!existsSync(entry)) {
    const tsc = createRequire(import.meta.url).resolve("typescript/bin/tsc");
    execFileSync(process.execPath, [tsc, "-p", `${packageDir}tsconfig.build.json`], { stdio: "inherit" });
  }
  return (await import(pathToFileURL(entry).href)) as Pagination;
}
