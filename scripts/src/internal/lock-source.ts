import { basename, isAbsolute, relative, resolve, sep } from "node:path";
import { isUrl } from "./read-source.js";

/**
 * What the lock records as `source` for a spec pulled from `from`: a URL as given; a file (`from`
 * read relative to the working directory, as the pull reads it) as its path relative to `root` with
 * forward slashes when it lies in the repo or in one of the relative `mirrors` of spec/sources.json,
 * else `file:<name>`, so the committed lock never holds one machine's absolute path.
 */
export function lockSource(from: string, root: string, mirrors: readonly string[]): string {
  if (isUrl(from)) return from;
  const file = resolve(from);
  const bases = [root, ...mirrors.filter((m) => !isAbsolute(m)).map((m) => resolve(root, m))];
  if (bases.some((base) => isInside(file, base))) return relative(root, file).split(sep).join("/");
  return `file:${basename(file)}`;
}

function isInside(file: string, dir: string): boolean {
  const rel = relative(dir, file);
  return rel !== "" && rel !== ".." && !rel.startsWith(`..${sep}`) && !isAbsolute(rel);
}
