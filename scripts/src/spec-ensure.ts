import { readFile } from "node:fs/promises";
import { relative } from "node:path";
import { atomicWrite } from "./internal/atomic-write.js";
import { buildSpec, readStamp } from "./internal/build-spec.js";
import { loadOverlays } from "./internal/load-overlays.js";
import { readSource } from "./internal/read-source.js";
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
  const candidates = offline ? [] : [sources.upstream];
  for (const mirror of sources.mirrors) candidates.push(...(await listMirrorFiles(paths.root, mirror)));
  for (const candidate of candidates) {
    let bytes: Uint8Array;
    try {
      bytes = (
        await readSource(candidate, {
          timeoutMs: options.timeoutMs ?? 10_000,
          ...(options.fetch === undefined ? {} : { fetch: options.fetch }),
        })
      ).bytes;
    } catch {
      continue; // An unreachable source is just one that does not match; the next may.
    }
    if (sha256(bytes) !== lock.sha256) continue;
    const origin = candidate.startsWith("http") ? candidate : relative(paths.root, candidate);
    const built = await buildSpec(bytes, origin, overlays);
    await atomicWrite(paths.spec, built.text);
    return { path: paths.spec, text: built.text, origin };
  }
  throw new SpecError(
    `no source has the locked spec (sha256 ${lock.sha256.slice(0, 12)}…, tried ${candidates.length}): ` +
      `run pnpm spec:pull --from <file-or-url> to lock a spec you have`,
  );
}
