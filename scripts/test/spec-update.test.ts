import { execFile } from "node:child_process";
import { mkdir, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, describe, expect, it } from "vitest";
import { pullSpec } from "../src/spec-pull.js";
import { updateSpec, type UpdateStep } from "../src/spec-update.js";
import { repoRoot, sharedSpecDir, tempRepo } from "./helpers/temp-repo.js";

const run = promisify(execFile);
const history = (name: string) => join(sharedSpecDir, "history", `${name}.yaml`);
const GENERATED = "packages/types/src/generated/openapi.ts";
const roots: string[] = [];

/**
 * A throwaway repo locked at `version`: overlays, a mirror of the history (no network), the four
 * package manifests and a fake generated file, so that restores and bumps can be checked.
 */
async function repoAt(version: string): Promise<string> {
  const root = await tempRepo({ upstream: "http://127.0.0.1:9/unreachable", mirrors: [sharedSpecDir] });
  roots.push(root);
  await pullSpec({ root, from: history(version), now: () => new Date("2026-01-01T00:00:00Z") });
  const pkgs: Record<string, { deps: string[]; dts?: string }> = {
    types: { deps: [] },
    client: { deps: ["@ultravox-api/types"], dts: 'import type { paths } from "@ultravox-api/types";\n' },
    pagination: { deps: ["@ultravox-api/types", "@ultravox-api/client"], dts: 'import type { PaginatedPath } from "@ultravox-api/types";\n' },
    "mock-server": { deps: ["@ultravox-api/types"], dts: "export declare function startMockServer(): Promise<void>;\n" },
  };
  for (const [dir, { deps, dts }] of Object.entries(pkgs)) {
    await mkdir(join(root, "packages", dir, "dist"), { recursive: true });
    const dependencies = Object.fromEntries(deps.map((d) => [d, "workspace:^"]));
    await writeFile(join(root, "packages", dir, "package.json"), JSON.stringify({ name: `@ultravox-api/${dir}`, version: "0.1.0", dependencies }));
    if (dts !== undefined) await writeFile(join(root, "packages", dir, "dist", "index.d.ts"), dts);
  }
  await mkdir(join(root, "packages/types/src/generated"), { recursive: true });
  await writeFile(join(root, GENERATED), "// generated from the old spec\n");
  await mkdir(join(root, ".changeset"), { recursive: true });
  return root;
}

async function state(root: string) {
  const read = (p: string) => readFile(join(root, p), "utf8").catch(() => undefined);
  return {
    lock: await read("spec/spec.lock.json"),
    spec: await read("spec/openapi.yaml"),
    generated: await read(GENERATED),
    generatedFiles: (await readdir(join(root, "packages/types/src/generated"))).sort(),
    clientDist: (await readdir(join(root, "packages/client/dist"), { recursive: true })).sort(),
    clientDts: await read("packages/client/dist/index.d.ts"),
    changesets: (await readdir(join(root, ".changeset"))).sort(),
  };
}

/** Records the steps it is asked to run, with the lock each one saw; can fail one of them. */
function recorder(failAt?: string) {
  const seen: { step: string; lockedSha: string }[] = [];
  const runStep = async (step: UpdateStep, root: string) => {
    const lock = JSON.parse(await readFile(join(root, "spec/spec.lock.json"), "utf8")) as { sha256: string };
    seen.push({ step: step.name, lockedSha: lock.sha256 });
    // What `pnpm build` does first: regenerate, here a changed file and a new one.
    if (step.name === "build") {
      await writeFile(join(root, GENERATED), "// generated from the new spec\n");
      await writeFile(join(root, "packages/types/src/generated/extra.ts"), "export {};\n");
      await writeFile(join(root, "packages/client/dist/index.d.ts"), 'import type { paths } from "@ultravox-api/types"; // rebuilt\n');
      await mkdir(join(root, "packages/client/dist/internal"), { recursive: true });
      await writeFile(join(root, "packages/client/dist/internal/new.js"), "export {};\n");
    }
    if (step.name === failAt) throw new Error(`${step.name} exited with 2`);
  };
  return { seen, runStep };
}

afterAll(async () => {
  for (const root of roots) await rm(root, { recursive: true, force: true });
});

describe("spec:update", () => {
  it("docs-only change: writes nothing, runs nothing", async () => {
    const root = await repoAt("2024-12-12T0056");
    const before = await state(root);
    const { seen, runStep } = recorder();
    const result = await updateSpec({ root, from: history("2024-12-12T1816"), offline: true, runStep });
    expect(result.diff.class).toBe("docs");
    expect(result.action).toBe("skipped");
    expect(seen).toEqual([]);
    expect(await state(root)).toEqual(before);
  });

  it("docs-only change with lockOnlyIfDocs: updates the lock and nothing else", async () => {
    const root = await repoAt("2024-12-12T0056");
    const before = await state(root);
    const { seen, runStep } = recorder();
    const result = await updateSpec({ root, from: history("2024-12-12T1816"), offline: true, lockOnlyIfDocs: true, runStep });
    expect(result.action).toBe("locked");
    const after = await state(root);
    expect(after.lock).not.toBe(before.lock);
    expect(JSON.parse(after.lock ?? "{}")).toMatchObject({ source: "file:2024-12-12T1816.yaml" });
    expect({ ...after, lock: undefined, spec: undefined }).toEqual({ ...before, lock: undefined, spec: undefined });
    expect(seen).toEqual([]);
  });

  it("additive change: locks, runs build/typecheck/test against the new lock, writes a minor changeset", async () => {
    const root = await repoAt("2026-06-04T1403");
    const { seen, runStep } = recorder();
    const reports: string[] = [];
    const result = await updateSpec({ root, from: history("2026-07-02T0759"), offline: true, runStep, onDiff: (_d, r) => reports.push(r) });
    expect(reports).toEqual([result.report]);
    expect(result.action).toBe("updated");
    expect(result.diff.class).toBe("additive");
    const lock = JSON.parse((await state(root)).lock ?? "{}") as { sha256: string };
    expect(seen).toEqual(["build", "typecheck", "test"].map((step) => ({ step, lockedSha: lock.sha256 })));
    expect(result.changeset?.bumps).toEqual({
      "@ultravox-api/client": "minor",
      "@ultravox-api/mock-server": "patch",
      "@ultravox-api/pagination": "minor",
      "@ultravox-api/types": "minor",
    });
    const text = await readFile(join(root, ".changeset", result.changeset?.file ?? "missing"), "utf8");
    expect(text).toBe(result.changeset?.text);
    expect(text.startsWith('---\n"@ultravox-api/client": minor\n"@ultravox-api/mock-server": patch\n')).toBe(true);
    expect(text).toContain("Additions:\n\n- ");
    expect(text).not.toContain("Breaking changes:");
  });

  it("same inputs give a byte-identical changeset (same file name and bytes)", async () => {
    const files: string[] = [];
    for (let i = 0; i < 2; i++) {
      const root = await repoAt("2026-06-04T1403");
      const result = await updateSpec({ root, from: history("2026-07-02T0759"), offline: true, runStep: recorder().runStep });
      const [file] = (await state(root)).changesets;
      files.push(`${file ?? ""}\n${await readFile(join(root, ".changeset", file ?? "missing"), "utf8")}`);
      expect(result.changeset?.file).toBe(file);
    }
    expect(files[0]).toBe(files[1]);
  });

  it("breaking change: major for types and the packages exposing them, with a human changelog", async () => {
    const root = await repoAt("2024-11-22T0055");
    const result = await updateSpec({ root, from: history("2024-11-25T1815"), offline: true, runStep: recorder().runStep });
    expect(result.changeset?.bumps).toMatchObject({ "@ultravox-api/types": "major", "@ultravox-api/client": "major", "@ultravox-api/mock-server": "patch" });
    expect(result.changeset?.text).toContain("Breaking changes:\n\n- Removed `DELETE /api/calls/{call_id}`\n");
  });

  it("a failing step leaves lock, spec and generated sources as they were, and writes no changeset", async () => {
    const root = await repoAt("2026-06-04T1403");
    const before = await state(root);
    const { seen, runStep } = recorder("typecheck");
    await expect(updateSpec({ root, from: history("2026-07-02T0759"), offline: true, runStep })).rejects.toThrow(
      /^step typecheck failed \(typecheck exited with 2\); lock, spec and generated sources restored$/,
    );
    expect(seen.map((s) => s.step)).toEqual(["build", "typecheck"]);
    expect(await state(root)).toEqual(before);
  });
});

describe("pnpm spec:update (CLI)", () => {
  const cli = join(repoRoot, "scripts", "dist", "spec-update-cli.js");
  async function update(root: string, ...args: string[]) {
    try {
      const { stdout, stderr } = await run(process.execPath, [cli, ...args], { env: { ...process.env, ULTRAVOX_REPO_ROOT: root } });
      return { code: 0, stdout, stderr };
    } catch (error) {
      const e = error as { code: number; stdout: string; stderr: string };
      return { code: e.code, stdout: e.stdout, stderr: e.stderr };
    }
  }

  it("prints the report and writes nothing for a docs-only change", async () => {
    const root = await repoAt("2024-12-12T0056");
    const before = await state(root);
    const result = await update(root, "--from", history("2024-12-12T1816"), "--offline");
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("**Overall: docs**");
    expect(result.stderr).toBe("spec:update: skipped (docs)\n");
    expect(await state(root)).toEqual(before);
  });

  it("fails with one line on a source that is not OpenAPI", async () => {
    const root = await repoAt("2024-12-12T0056");
    await writeFile(join(root, "bad.yaml"), "swagger: '2.0'\npaths: {}\n");
    const result = await update(root, "--from", join(root, "bad.yaml"), "--offline");
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^spec:update: .*bad\.yaml is not an OpenAPI 3\.x document \(swagger 2\.0\)\n$/);
  });
});
