import { readFile, stat } from "node:fs/promises";
import { isAbsolute, relative, resolve } from "node:path";
import { atomicWrite } from "./internal/atomic-write.js";
import { buildSpec, readStamp } from "./internal/build-spec.js";
import { loadOverlays } from "./internal/load-overlays.js";
import { isUrl, readSource } from "./internal/read-source.js";
import { repoPaths } from "./internal/repo-paths.js";
import { sha256 } from "./internal/sha256.js";
import { SpecError } from "./spec-error.js";
import { readLock } from "./spec-lock.js";
import { listMirrorFiles, readSources } from "./spec-sources.js";

export interface EnsureSpecOptions {
  readonly root?: string;
  /** Skip the upstream URL (also `ULTRAVOX_SPEC_OFFLINE=1`). */
  readonly offline?: boolean;
  readonly timeoutMs?: number;
  readonly fetch?: typeof globalThis.fetch;
}

export interface EnsureSpecResult {
  /** Absolute path of the overlaid spec matching the lock. */
  readonly path: string;
  readonly text: string;
  /** Where it came from this time: `cached` when spec/openapi.yaml already matched. */
  readonly origin: string;
}

/**
 * Makes spec/openapi.yaml match the lock: keeps it when its stamp matches, else finds the locked
 * document (by sha256) at the upstream URL or in a mirror and rebuilds it. Never changes the lock.
 */
export async function ensureLockedSpec(options: EnsureSpecOptions = {}): Promise<EnsureSpecResult> {
  const paths = repoPaths(options.root);
  const lock = await readLock(paths.lock);
  if (!lock) throw new SpecError("spec/spec.lock.json is missing: run pnpm spec:pull --from <file-or-url>");
  const overlays = await loadOverlays(paths.overlays);
  const current = await readFile(paths.spec, "utf8").catch(() => undefined);
  const stamp = current === undefined ? undefined : readStamp(current);
  if (current !== undefined && stamp?.source === lock.sha256 && stamp.overlays === overlays.sha256) {
    return { path: paths.spec, text: current, origin: "cached" };
  }

  const sources = await readSources(paths);
  const offline = options.offline ?? process.env["ULTRAVOX_SPEC_OFFLINE"] === "1";
  const readOptions = {
    timeoutMs: options.timeoutMs ?? 10_000,
    ...(options.fetch === undefined ? {} : { fetch: options.fetch }),
  };
  // Why each source failed, named in the error so a person can tell what is missing where.
  const tried: string[] = [];
  const found = async (candidate: string): Promise<EnsureSpecResult | string> => {
    let bytes: Uint8Array;
    try {
      bytes = (await readSource(candidate, readOptions)).bytes;
    } catch (error) {
      return error instanceof Error ? error.message : String(error);
    }
    const hash = sha256(bytes);
    if (hash !== lock.sha256) return `has sha256 ${hash.slice(0, 12)}…, another version`;
    const origin = isUrl(candidate) ? candidate : relative(paths.root, candidate);
    const built = await buildSpec(bytes, origin, overlays);
    await atomicWrite(paths.spec, built.text);
    return { path: paths.spec, text: built.text, origin };
  };

  if (offline) tried.push(`${sources.upstream} (skipped: offline)`);
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
