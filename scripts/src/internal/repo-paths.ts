import { fileURLToPath } from "node:url";
import { join, resolve } from "node:path";

/** The monorepo root: scripts/dist/internal/ (or scripts/src/internal/) is three levels below it. */
export const defaultRoot = resolve(fileURLToPath(new URL("../../../", import.meta.url)));

export interface RepoPaths {
  readonly root: string;
  readonly spec: string;
  readonly lock: string;
  readonly sources: string;
  readonly overlays: string;
}

/** `ULTRAVOX_REPO_ROOT` points the CLIs at another checkout (tests use a temporary copy). */
export function repoPaths(root: string = process.env["ULTRAVOX_REPO_ROOT"] ?? defaultRoot): RepoPaths {
  return {
    root,
    spec: join(root, "spec", "openapi.yaml"),
    lock: join(root, "spec", "spec.lock.json"),
    sources: join(root, "spec", "sources.json"),
    overlays: join(root, "spec", "overlays"),
  };
}
