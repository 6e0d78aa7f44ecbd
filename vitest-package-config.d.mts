import type { ViteUserConfig } from "vitest/config";

/** A package's vitest config; with `srcOf` (its directory), a "unit" project against src/ and a "shipped" one against dist/. */
export declare function packageTestConfig(options?: { readonly srcOf?: URL; readonly timeoutMs?: number }): ViteUserConfig;
