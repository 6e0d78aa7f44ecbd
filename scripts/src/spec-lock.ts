import { readFile } from "node:fs/promises";
import type { SpecCounts } from "./internal/parse-openapi.js";
import { SpecError } from "./spec-error.js";

/** The committed record of which upstream document the packages are built from. */
export interface SpecLock {
  /**
   * Where it was pulled from: a URL as given; a file as its path relative to the repo root (forward
   * slashes) when it lies in the repo or in a mirror folder of spec/sources.json, else `file:<name>`.
   */
  readonly source: string;
  /** When it was pulled (ISO 8601, UTC). */
  readonly capturedAt: string;
  /** sha256 of the upstream document's bytes, before our overlays. */
  readonly sha256: string;
  readonly openapi: string;
  readonly apiVersion: string;
  readonly counts: SpecCounts;
  /** sha256 over our overlays, in the order they are applied. */
  readonly overlaysSha256: string;
}

export async function readLock(path: string): Promise<SpecLock | undefined> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch {
    return undefined;
  }
  try {
    return JSON.parse(text) as SpecLock;
  } catch (error) {
    throw new SpecError(`${path} is not valid JSON; restore it from git or run pnpm spec:pull`, { cause: error });
  }
}

export function formatLock(lock: SpecLock): string {
  return `${JSON.stringify(lock, null, 2)}\n`;
}

/**
 * Throws SpecError (one line naming the fix) when the lock's `overlaysSha256` is not `overlaysSha256`,
 * the hash of spec/overlays as loaded now: the overlays changed since the lock was written.
 */
export function checkLockOverlays(lock: SpecLock, overlaysSha256: string): void {
  if (lock.overlaysSha256 === overlaysSha256) return;
  const recorded = typeof lock.overlaysSha256 === "string" ? `${lock.overlaysSha256.slice(0, 12)}…` : "no overlays hash";
  throw new SpecError(
    `spec/spec.lock.json records overlays ${recorded} but spec/overlays hash to ${overlaysSha256.slice(0, 12)}…: ` +
      `run pnpm spec:pull --locked (rebuilds the locked spec with the overlays and records their hash), then commit spec/spec.lock.json`,
  );
}
