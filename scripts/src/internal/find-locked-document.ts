import { stat } from "node:fs/promises";
import { isAbsolute, relative, resolve } from "node:path";
import { SpecError } from "../spec-error.js";
import type { SpecLock } from "../spec-lock.js";
import { listMirrorFiles, readSources } from "../spec-sources.js";
import { isUrl, readSource, type ReadSourceOptions } from "./read-source.js";
import type { RepoPaths } from "./repo-paths.js";
import { sha256 } from "./sha256.js";

export interface LockedDocument {
  readonly bytes: Uint8Array;
  /** The URL, or the file's path relative to the repo root. */
  readonly origin: string;
}

/**
 * Finds the document whose sha256 the lock records: the upstream URL (unless offline), then every
 * mirror folder of spec/sources.json. Throws one SpecError naming every source tried and why it failed.
 */
export async function findLockedDocument(
  paths: RepoPaths,
  lock: SpecLock,
  options: ReadSourceOptions & { readonly offline: boolean },
): Promise<LockedDocument> {
  const sources = await readSources(paths);
  const tried: string[] = [];
  const found = async (candidate: string): Promise<LockedDocument | string> => {
    let bytes: Uint8Array;
    try {
      bytes = (await readSource(candidate, options)).bytes;
    } catch (error) {
      return error instanceof Error ? error.message : String(error);
    }
    const hash = sha256(bytes);
    if (hash !== lock.sha256) return `has sha256 ${hash.slice(0, 12)}…, another version`;
    return { bytes, origin: isUrl(candidate) ? candidate : relative(paths.root, candidate) };
  };

  if (options.offline) tried.push(`${sources.upstream} (skipped: offline)`);
  else {
    const result = await found(sources.upstream);
    if (typeof result !== "string") return result;
    tried.push(`${sources.upstream} (${result})`);
  }
  for (const mirror of sources.mirrors) {
    const dir = isAbsolute(mirror) ? mirror : resolve(paths.root, mirror);
    const isDir = await stat(dir).then((s) => s.isDirectory(), () => false);
    if (!isDir) {
      tried.push(`mirror ${dir} (no such folder)`);
      continue;
    }
    const files = await listMirrorFiles(paths.root, mirror);
    for (const file of files) {
      const result = await found(file);
      if (typeof result !== "string") return result;
    }
    tried.push(`mirror ${dir} (${files.length === 0 ? "no .yaml/.json files" : `none of its ${files.length} files has it`})`);
  }
  throw new SpecError(
    `no source has the locked spec (sha256 ${lock.sha256.slice(0, 12)}…); tried ${tried.join("; ")}. ` +
      `Put that document in a mirror folder (spec/sources.json), or lock a spec you have: ` +
      `pnpm spec:pull --from <file-or-url> (pnpm spec:pull alone takes the upstream URL's current version)`,
  );
}
