import { execFile } from "node:child_process";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { repoRoot } from "./helpers/temp-repo.js";

const run = promisify(execFile);
const bin = (name: string) => join(repoRoot, "node_modules", ".bin", name);
const packages = ["types", "client", "pagination", "mock-server"];

// Every published package must be consumable as shipped: publint and arethetypeswrong clean, on the
// tarball `pnpm pack` makes (what `changeset publish` uploads: workspace ranges replaced). One pack per
// package, shared by both tools: `attw --pack` would run `npm pack` again, ~5 s of CPU a package.
describe.each(packages)("packages/%s as published", (name) => {
  const dir = join(repoRoot, "packages", name);
  let packed: string;
  let tarball: string;

  beforeAll(async () => {
    packed = await mkdtemp(join(tmpdir(), `uvx-pack-${name}-`));
    const { stdout } = await run("pnpm", ["pack", "--pack-destination", packed], { cwd: dir });
    tarball = stdout.trim().split("\n").at(-1) ?? "";
    expect(tarball).toMatch(new RegExp(`/ultravox-api-${name}-[^/]+\\.tgz$`));
  });

  afterAll(async () => {
    await rm(packed, { recursive: true, force: true });
  });

  it("has ESM exports with `types` first, and files limited to dist", async () => {
    const pkg = JSON.parse(await readFile(join(dir, "package.json"), "utf8")) as {
      type: string;
      exports: Record<string, Record<string, string> | string>;
      files: string[];
      publishConfig: { access: string };
    };
    expect(pkg.type).toBe("module");
    const main = pkg.exports["."];
    expect(typeof main === "object" && Object.keys(main)[0]).toBe("types");
    expect(pkg.files).toContain("dist");
    expect(pkg.publishConfig.access).toBe("public");
  });

  it("is publint clean", async () => {
    const { stdout } = await run(bin("publint"), ["--strict", tarball]);
    expect(stdout).toContain("All good!");
  });

  it("is @arethetypeswrong/cli clean (ESM only)", async () => {
    // attw exits non-zero on any problem its esm-only profile does not ignore (node10 and CJS
    // resolution are ignored: we ship ESM only); execFile rejects on a non-zero exit.
    const { stdout } = await run(bin("attw"), [tarball, "--profile", "esm-only"]);
    expect(stdout).toMatch(/node16 \(from ESM\)/);
  });
});
