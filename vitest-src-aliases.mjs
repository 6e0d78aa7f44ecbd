// Unit tests import their own package by name, as users do. These aliases point that name (and each
// subpath export) at the matching file in src/, so a source change is tested without a rebuild and
// mutation testing sees its mutants. Tests of the shipped dist/ run in a project without them.
import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

const escapeRegExp = (text) => text.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");

/**
 * Vite `resolve.alias` entries from a package's own export names (and subpath imports) to their `src/`
 * files, derived from `exports` and `imports` in its package.json (`./dist/x/index.js` → `./src/x/index.ts`).
 * @param {URL} packageDir the package directory, with a trailing slash
 */
export function srcAliases(packageDir) {
  const pkg = JSON.parse(readFileSync(new URL("package.json", packageDir), "utf8"));
  // Subpath `imports` (`#platform`) too, by their `default` target: the tests run on Node.
  const entries = [
    ...Object.entries(pkg.exports).map(([subpath, target]) => [subpath === "." ? pkg.name : `${pkg.name}/${subpath.slice(2)}`, target]),
    ...Object.entries(pkg.imports ?? {}),
  ];
  return entries.flatMap(([name, target]) => {
    const built = typeof target === "string" ? target : target.default;
    if (typeof built !== "string" || !/^\.\/dist\/.*\.js$/.test(built)) return [];
    const source = new URL(built.replace(/^\.\/dist\//, "./src/").replace(/\.js$/, ".ts"), packageDir);
    if (!existsSync(source)) throw new Error(`srcAliases: ${pkg.name} maps ${name} to ${built}, but ${fileURLToPath(source)} does not exist.`);
    return [{ find: new RegExp(`^${escapeRegExp(name)}$`), replacement: fileURLToPath(source) }];
  });
}
