import { cp, mkdtemp, mkdir, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

export const repoRoot = resolve(fileURLToPath(new URL("../../../", import.meta.url)));
export const sharedSpecDir = resolve(repoRoot, "../shared/ultravox-spec");
export const newestSpec = join(sharedSpecDir, "openapi.yaml");

/** A throwaway repo root with this repo's overlays and the given sources, for the spec CLIs to work in. */
export async function tempRepo(sources: { upstream: string; mirrors: string[] }): Promise<string> {
  const root = await mkdtemp(join(tmpdir(), "uvx-spec-"));
  await mkdir(join(root, "spec"), { recursive: true });
  await cp(join(repoRoot, "spec", "overlays"), join(root, "spec", "overlays"), { recursive: true });
  await writeFile(join(root, "spec", "sources.json"), JSON.stringify(sources));
  return root;
}
