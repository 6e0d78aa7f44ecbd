import { readFile, readdir } from "node:fs/promises";
import { isAbsolute, join, resolve } from "node:path";
import type { RepoPaths } from "./internal/repo-paths.js";
import { SpecError } from "./spec-error.js";

/** spec/sources.json: where a locked spec can be found again, tried in order. */
export interface SpecSources {
  readonly upstream: string;
  /** Folders (relative to the repo root) holding copies of published specs. */
  readonly mirrors: readonly string[];
}

export async function readSources(paths: RepoPaths): Promise<SpecSources> {
  try {
    return JSON.parse(await readFile(paths.sources, "utf8")) as SpecSources;
  } catch (error) {
    throw new SpecError(`cannot read ${paths.sources}; restore it from git`, { cause: error });
  }
}

/** Spec files in a mirror folder and its `history/`, newest-named first. */
export async function listMirrorFiles(root: string, mirror: string): Promise<string[]> {
  const dir = isAbsolute(mirror) ? mirror : resolve(root, mirror);
  const files: string[] = [];
  for (const sub of ["", "history"]) {
    const names = await readdir(join(dir, sub)).catch(() => [] as string[]);
    const specs = names.filter((n) => /\.(ya?ml|json)$/.test(n)).sort().reverse();
    files.push(...specs.map((n) => join(dir, sub, n)));
  }
  return files;
}
