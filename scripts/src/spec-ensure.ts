import { readFile } from "node:fs/promises";
import { atomicWrite } from "./internal/atomic-write.js";
import { buildSpec, readStamp } from "./internal/build-spec.js";
import { findLockedDocument } from "./internal/find-locked-document.js";
import { loadOverlays } from "./internal/load-overlays.js";
import { repoPaths } from "./internal/repo-paths.js";
import { SpecError } from "./spec-error.js";
import { checkLockOverlays, readLock } from "./spec-lock.js";

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
 * Throws SpecError when the lock is missing, when its `overlaysSha256` is not the hash of
 * spec/overlays (naming `pnpm spec:pull --locked`, which records it), or when no source has the document.
 */
export async function ensureLockedSpec(options: EnsureSpecOptions = {}): Promise<EnsureSpecResult> {
  const paths = repoPaths(options.root);
  const lock = await readLock(paths.lock);
  if (!lock) throw new SpecError("spec/spec.lock.json is missing: run pnpm spec:pull --from <file-or-url>");
  const overlays = await loadOverlays(paths.overlays);
  // Refused rather than built: packages built from overlays the lock does not record would make
  // the lock lie about what they are built from, and a warning is lost in turbo's parallel output.
  checkLockOverlays(lock, overlays.sha256);
  const current = await readFile(paths.spec, "utf8").catch(() => undefined);
  const stamp = current === undefined ? undefined : readStamp(current);
  if (current !== undefined && stamp?.source === lock.sha256 && stamp.overlays === overlays.sha256) {
    return { path: paths.spec, text: current, origin: "cached" };
  }

  const { bytes, origin } = await findLockedDocument(paths, lock, {
    offline: options.offline ?? process.env["ULTRAVOX_SPEC_OFFLINE"] === "1",
    timeoutMs: options.timeoutMs ?? 10_000,
    ...(options.fetch === undefined ? {} : { fetch: options.fetch }),
  });
  const built = await buildSpec(bytes, origin, overlays);
  await atomicWrite(paths.spec, built.text);
  return { path: paths.spec, text: built.text, origin };
}
