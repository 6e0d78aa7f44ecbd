import { readFile } from "node:fs/promises";
import { atomicWrite } from "./internal/atomic-write.js";
import { buildSpec } from "./internal/build-spec.js";
import { loadOverlays } from "./internal/load-overlays.js";
import { readSource } from "./internal/read-source.js";
import { repoPaths } from "./internal/repo-paths.js";
import { readSources } from "./spec-sources.js";
import { formatLock, readLock, type SpecLock } from "./spec-lock.js";

export interface PullSpecOptions {
  /** A local path or an http(s) URL; default: `ULTRAVOX_SPEC_SOURCE`, then the upstream URL. */
  readonly from?: string | undefined;
  readonly root?: string;
  readonly timeoutMs?: number;
  readonly now?: () => Date;
  readonly fetch?: typeof globalThis.fetch;
}

export interface PullSpecResult {
  readonly lock: SpecLock;
  readonly changed: boolean;
}

/**
 * Pulls, validates and overlays a spec, then writes spec/openapi.yaml and the lock.
 * Every check runs before the first write, so a failure leaves both files as they were.
 */
export async function pullSpec(options: PullSpecOptions = {}): Promise<PullSpecResult> {
  const paths = repoPaths(options.root);
  const from = options.from ?? (process.env["ULTRAVOX_SPEC_SOURCE"] || (await readSources(paths)).upstream);
  const source = await readSource(from, {
    ...(options.timeoutMs === undefined ? {} : { timeoutMs: options.timeoutMs }),
    ...(options.fetch === undefined ? {} : { fetch: options.fetch }),
  });
  const overlays = await loadOverlays(paths.overlays);
  const built = await buildSpec(source.bytes, from, overlays);
  const info = built.upstream["info"] as { version?: unknown } | undefined;
  const previousLock = await readLock(paths.lock).catch(() => undefined);
  // Pulling the same bytes again is not a new capture: keep the lock byte-identical.
  const same = previousLock?.sha256 === built.sourceSha256 && previousLock.source === from;
  const lock: SpecLock = {
    source: from,
    capturedAt: same ? previousLock.capturedAt : (options.now?.() ?? new Date()).toISOString(),
    sha256: built.sourceSha256,
    openapi: built.upstream.openapi,
    apiVersion: typeof info?.version === "string" ? info.version : "",
    counts: built.counts,
    overlaysSha256: overlays.sha256,
  };
  const previous = await readFile(paths.spec, "utf8").catch(() => undefined);
  await atomicWrite(paths.spec, built.text);
  await atomicWrite(paths.lock, formatLock(lock));
  return { lock, changed: previous !== built.text };
}
