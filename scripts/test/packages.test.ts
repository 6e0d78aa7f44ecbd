import { execFile } from "node:child_process";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { repoRoot } from "./helpers/temp-repo.js";

const run = promisify(execFile);
const bin = (name: string) => join(repoRoot, "node_modules", ".bin", name);
const packages = ["types", "client", "pagination", "mock-server"];

// Every published package must be consumable as shipped: publint and arethetypeswrong clean.
describe.each(packages)("packages/%s as published", (name) => {
  const dir = join(repoRoot, "packages", name);

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
    const { stdout } = await run(bin("publint"), ["--strict", dir]);
    expect(stdout).toContain("All good!");
  });

  it("is @arethetypeswrong/cli clean (ESM only)", async () => {
    // attw exits non-zero on any problem its esm-only profile does not ignore (node10 and CJS
    // resolution are ignored: we ship ESM only); execFile rejects on a non-zero exit.
    const { stdout } = await run(bin("attw"), ["--pack", dir, "--profile", "esm-only"]);
    expect(stdout).toMatch(/node16 \(from ESM\)/);
  });
});
