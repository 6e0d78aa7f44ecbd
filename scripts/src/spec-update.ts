import { spawn } from "node:child_process";
import { mkdir, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { atomicWrite } from "./internal/atomic-write.js";
import { repoPaths } from "./internal/repo-paths.js";
import { sha256 } from "./internal/sha256.js";
import { diffSpecs, loadLockedForDiff, loadOverlaidForDiff } from "./spec-diff.js";
import { formatDiffMarkdown } from "./spec-diff-format.js";
import type { SpecDiff } from "./spec-diff-types.js";
import { SpecError } from "./spec-error.js";
import { readLock } from "./spec-lock.js";
import { pullSpec } from "./spec-pull.js";
import { readSources } from "./spec-sources.js";
import { buildChangeset, findDependents, type Changeset } from "./spec-update-changeset.js";

export interface UpdateStep {
  readonly name: string;
  readonly command: string;
  readonly args: readonly string[];
}

/**
 * What spec:update runs after locking a changed spec. `pnpm build` regenerates and builds every
 * package against the new types (the client and pagination included), `pnpm typecheck` checks their
 * tests and benches too, and the tests of every package but the scripts one run against them: the
 * scripts' own tests exercise this tooling (and a registry release) and do not depend on the spec.
 */
export const DEFAULT_UPDATE_STEPS: readonly UpdateStep[] = [
  { name: "build", command: "pnpm", args: ["build"] },
  { name: "typecheck", command: "pnpm", args: ["typecheck"] },
  { name: "test", command: "pnpm", args: ["exec", "turbo", "run", "test", "--concurrency=1", "--filter=!@ultravox-api/scripts"] },
];

export interface SpecUpdateOptions {
  readonly root?: string;
  /** A file or URL; default: `ULTRAVOX_SPEC_SOURCE`, then spec/sources.json's upstream. */
  readonly from?: string | undefined;
  /** When only docs (or nothing typed) changed, update the lock anyway (and nothing else). */
  readonly lockOnlyIfDocs?: boolean;
  /** Find the locked spec in mirrors only (no upstream fetch). */
  readonly offline?: boolean;
  readonly steps?: readonly UpdateStep[];
  /** Runs one step in the repo root; throws when it fails. Default: spawn it, output to stderr. */
  readonly runStep?: (step: UpdateStep, root: string) => Promise<void>;
  readonly now?: () => Date;
  /** Called with the diff and its Markdown report before anything is written or run. */
  readonly onDiff?: (diff: SpecDiff, report: string) => void;
}

export type SpecUpdateAction =
  /** The source has the locked document's exact bytes. */
  | "unchanged"
  /** Only docs/none: nothing written (no `lockOnlyIfDocs`). */
  | "skipped"
  /** Only docs/none, `lockOnlyIfDocs`: the lock and spec/openapi.yaml were updated, nothing else. */
  | "locked"
  /** Additive or breaking: locked, regenerated, built, checked, and a changeset written. */
  | "updated";

export interface SpecUpdateResult {
  readonly action: SpecUpdateAction;
  readonly diff: SpecDiff;
  /** The diff as Markdown, for a pull request body. */
  readonly report: string;
  readonly changeset?: Changeset & { readonly path: string };
}

/**
 * Pull → diff against the lock → (docs/none) lock only when asked, or (additive/breaking) lock,
 * run the steps and write a changeset. When a step fails, the lock, spec/openapi.yaml and every
 * generated source under packages/ are put back as they were, and a SpecError says which step.
 */
export async function updateSpec(options: SpecUpdateOptions = {}): Promise<SpecUpdateResult> {
  const paths = repoPaths(options.root);
  const from = options.from ?? (process.env["ULTRAVOX_SPEC_SOURCE"] || (await readSources(paths)).upstream);
  const lock = await readLock(paths.lock);
  const oldSpec = await loadLockedForDiff({ root: paths.root, ...(options.offline === undefined ? {} : { offline: options.offline }) });
  const newSpec = await loadOverlaidForDiff(from, paths.root);
  const diff = diffSpecs(oldSpec, newSpec);
  const report = formatDiffMarkdown(diff);
  options.onDiff?.(diff, report);
  const pull = () => pullSpec({ root: paths.root, from, ...(options.now === undefined ? {} : { now: options.now }) });

  if (lock?.sha256 === sha256(newSpec.bytes)) return { action: "unchanged", diff, report };
  if (diff.class === "none" || diff.class === "docs") {
    if (!options.lockOnlyIfDocs) return { action: "skipped", diff, report };
    await pull();
    return { action: "locked", diff, report };
  }

  const snapshot = await takeSnapshot(paths.root, [paths.lock, paths.spec]);
  const runStep = options.runStep ?? spawnStep;
  let current = "pull";
  try {
    await pull();
    for (const step of options.steps ?? DEFAULT_UPDATE_STEPS) {
      current = step.name;
      await runStep(step, paths.root);
    }
  } catch (error) {
    await snapshot.restore();
    const why = error instanceof Error ? error.message.split("\n")[0] : String(error);
    throw new SpecError(`step ${current} failed (${why}); lock, spec and generated sources restored`, { cause: error });
  }

  const changeset = buildChangeset(diff, await findDependents(paths.root), changesetLabel(lock?.sha256, sha256(newSpec.bytes)));
  if (changeset === undefined) return { action: "updated", diff, report };
  const path = join(paths.root, ".changeset", changeset.file);
  await atomicWrite(path, changeset.text);
  return { action: "updated", diff, report, changeset: { ...changeset, path } };
}

function changesetLabel(oldSha: string | undefined, newSha: string): string {
  return `spec sha256 ${(oldSha ?? "none").slice(0, 12)} → ${newSha.slice(0, 12)}`;
}

interface Snapshot {
  restore(): Promise<void>;
}

/**
 * Files, and every package's `src/generated/` and `dist/` trees, as they are now, to put back after
 * a failure (dist too: a build that succeeded before a later step failed must not leave new output).
 */
async function takeSnapshot(root: string, files: readonly string[]): Promise<Snapshot> {
  const packagesDir = join(root, "packages");
  const trees = (await readdir(packagesDir).catch(() => [] as string[])).flatMap((p) => [
    join(packagesDir, p, "src", "generated"),
    join(packagesDir, p, "dist"),
  ]);
  const listTree = async (dir: string) => {
    const entries = await readdir(dir, { recursive: true, withFileTypes: true }).catch(() => []);
    const path = (e: (typeof entries)[number]) => join(e.parentPath, e.name);
    return { files: entries.filter((e) => e.isFile()).map(path), dirs: entries.filter((e) => e.isDirectory()).map(path) };
  };
  const saved = new Map<string, Buffer | undefined>();
  const dirsBefore = new Set<string>();
  for (const file of files) saved.set(file, await readFile(file).catch(() => undefined));
  for (const tree of trees) {
    const { files: inTree, dirs } = await listTree(tree);
    for (const file of inTree) saved.set(file, await readFile(file));
    for (const dir of dirs) dirsBefore.add(dir);
  }
  return {
    async restore() {
      // What a failed step created did not exist before: remove it, deepest directories first.
      for (const tree of trees) {
        const { files: now, dirs } = await listTree(tree);
        for (const file of now) if (!saved.has(file)) await rm(file, { force: true });
        for (const dir of dirs.sort().reverse()) if (!dirsBefore.has(dir)) await rm(dir, { recursive: true, force: true });
      }
      for (const [file, bytes] of saved) {
        if (bytes === undefined) await rm(file, { force: true });
        else if (!(await readFile(file).catch(() => undefined))?.equals(bytes)) {
          await mkdir(dirname(file), { recursive: true });
          await writeFile(file, bytes);
        }
      }
    },
  };
}

function spawnStep(step: UpdateStep, root: string): Promise<void> {
  return new Promise((resolve, reject) => {
    // Step output goes to stderr so that stdout carries only the report.
    const child = spawn(step.command, step.args, { cwd: root, stdio: ["ignore", 2, 2] });
    child.on("error", reject);
    child.on("exit", (code, signal) => {
      if (code === 0) resolve();
      else reject(new Error(`${step.command} ${step.args.join(" ")} exited with ${signal ?? String(code)}`));
    });
  });
}

