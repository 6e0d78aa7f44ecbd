import { readFile } from "node:fs/promises";
import { atomicWrite } from "./internal/atomic-write.js";
import { buildSpec } from "./internal/build-spec.js";
import { findLockedDocument } from "./internal/find-locked-document.js";
import { loadOverlays } from "./internal/load-overlays.js";
import { lockSource } from "./internal/lock-source.js";
import { readSource } from "./internal/read-source.js";
import { repoPaths } from "./internal/repo-paths.js";
import { SpecError } from "./spec-error.js";
import { readSources } from "./spec-sources.js";
import { formatLock, readLock, type SpecLock } from "./spec-lock.js";

export interface PullSpecOptions {
  /** A local path or an http(s) URL; default: `ULTRAVOX_SPEC_SOURCE`, then the upstream URL. */
  readonly from?: string | undefined;
  /**
   * Pull the locked document again (found by sha256 as spec:ensure finds it) with the overlays as
   * they are now: records a changed overlays hash, keeps `source` and `capturedAt`. Not with `from`.
   */
  readonly locked?: boolean;
  /** With `locked`: skip the upstream URL (also `ULTRAVOX_SPEC_OFFLINE=1`). */
  readonly offline?: boolean;
  readonly root?: string;
  readonly timeoutMs?: number;
  readonly now?: () => Date;
  readonly fetch?: typeof globalThis.fetch;
}

export interface PullSpecResult {
  readonly lock: SpecLock;
  /** spec/openapi.yaml or the lock now differs from what was there. */
  readonly changed: boolean;
  /**
   * Why the lock was rewritten, e.g. `["overlays changed"]`; empty when it is byte-identical.
   * Entries: `new lock`, `document changed (was <sha256 prefix>…)`, `overlays changed`,
   * `source was <old source>`, `lock rewritten` (same fields, other text).
   */
  readonly lockChanges: readonly string[];
  /** spec/openapi.yaml was written (missing, edited or built from other inputs before). */
  readonly specRebuilt: boolean;
}

/**
 * Pulls, validates and overlays a spec, then writes spec/openapi.yaml and the lock, each only when
 * its bytes change. Every check runs before the first write, so a failure leaves both as they were.
 */
export async function pullSpec(options: PullSpecOptions = {}): Promise<PullSpecResult> {
  const paths = repoPaths(options.root);
  const previousText = await readFile(paths.lock, "utf8").catch(() => undefined);
  const previousLock = await readLock(paths.lock).catch(() => undefined);
  const readOptions = {
    ...(options.timeoutMs === undefined ? {} : { timeoutMs: options.timeoutMs }),
    ...(options.fetch === undefined ? {} : { fetch: options.fetch }),
  };
  let bytes: Uint8Array;
  let origin: string;
  let source: string;
  if (options.locked) {
    if (options.from !== undefined) throw new SpecError("usage: --locked pulls the locked document; give it without --from");
    if (!previousLock) throw new SpecError("spec/spec.lock.json is missing: run pnpm spec:pull --from <file-or-url>");
    const offline = options.offline ?? process.env["ULTRAVOX_SPEC_OFFLINE"] === "1";
    ({ bytes, origin } = await findLockedDocument(paths, previousLock, { offline, timeoutMs: 10_000, ...readOptions }));
    source = previousLock.source;
  } else {
    // sources.json is optional when --from is given: only its mirrors are read, to record the source.
    const sources = options.from === undefined ? await readSources(paths) : await readSources(paths).catch(() => undefined);
    origin = options.from ?? (process.env["ULTRAVOX_SPEC_SOURCE"] || (sources?.upstream ?? ""));
    bytes = (await readSource(origin, readOptions)).bytes;
    source = lockSource(origin, paths.root, sources?.mirrors ?? []);
  }
  const overlays = await loadOverlays(paths.overlays);
  const built = await buildSpec(bytes, origin, overlays);
  const info = built.upstream["info"] as { version?: unknown } | undefined;
  // Pulling the same bytes again is not a new capture: keep the lock byte-identical.
  const same = previousLock?.sha256 === built.sourceSha256 && previousLock.source === source;
  const lock: SpecLock = {
    source,
    capturedAt: same ? previousLock.capturedAt : (options.now?.() ?? new Date()).toISOString(),
    sha256: built.sourceSha256,
    openapi: built.upstream.openapi,
    apiVersion: typeof info?.version === "string" ? info.version : "",
    counts: built.counts,
    overlaysSha256: overlays.sha256,
  };
  const lockText = formatLock(lock);
  const lockChanges = lockText === previousText ? [] : describeLockChanges(previousLock, lock);
  const previousSpec = await readFile(paths.spec, "utf8").catch(() => undefined);
  const specRebuilt = previousSpec !== built.text;
  if (specRebuilt) await atomicWrite(paths.spec, built.text);
  if (lockChanges.length > 0) await atomicWrite(paths.lock, lockText);
  return { lock, changed: specRebuilt || lockChanges.length > 0, lockChanges, specRebuilt };
}

function describeLockChanges(previous: SpecLock | undefined, lock: SpecLock): string[] {
  if (!previous) return ["new lock"];
  const changes: string[] = [];
  if (previous.sha256 !== lock.sha256) changes.push(`document changed (was ${previous.sha256.slice(0, 12)}…)`);
  if (previous.overlaysSha256 !== lock.overlaysSha256) changes.push("overlays changed");
  if (previous.source !== lock.source) changes.push(`source was ${previous.source}`);
  return changes.length > 0 ? changes : ["lock rewritten"];
}
