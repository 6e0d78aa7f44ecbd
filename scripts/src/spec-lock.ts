import { readFile } from "node:fs/promises";
import type { SpecCounts } from "./internal/parse-openapi.js";
import { SpecError } from "./spec-error.js";

/** The committed record of which upstream document the packages are built from. */
export interface SpecLock {
  /** Where it was pulled from: a URL or a path as given. */
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
