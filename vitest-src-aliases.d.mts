/** Vite `resolve.alias` entries from a package's own export names to their `src/` files. */
export declare function srcAliases(packageDir: URL): { find: RegExp; replacement: string }[];
