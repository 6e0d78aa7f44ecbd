import { cpSync } from "node:fs";
import { mkdir, mkdtemp, readdir, readFile, rm, symlink, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CONSUMER_CALLS, consumerCjs, consumerMain, consumerTsconfig, consumerTypeError } from "./release-consumer.js";
import { cleanEnv, sh, startRegistry, type LocalRegistry } from "./release-registry.js";
import { repoRoot } from "./helpers/temp-repo.js";

const PACKAGES = ["types", "client", "pagination", "mock-server"].map((p) => `@ultravox-api/${p}`);
/** The changeset of the first release: an API change, as spec:update words them. */
const API_CHANGE = "API change: `ScheduledCall.status` accepts `CANCELLED` (release test).";
const CONSUMER_TYPESCRIPT = "7.0.2";
const tsc = createRequire(join(repoRoot, "package.json")).resolve("typescript/bin/tsc");

let work: string;
let repo: string;
let registry: LocalRegistry;

async function version(pkg: string): Promise<string> {
  const dir = pkg.replace("@ultravox-api/", "");
  return (JSON.parse(await readFile(join(repo, "packages", dir, "package.json"), "utf8")) as { version: string }).version;
}

async function changeset(name: string, bumps: Record<string, string>, summary: string): Promise<void> {
  const head = Object.entries(bumps).map(([pkg, bump]) => `"${pkg}": ${bump}`);
  await writeFile(join(repo, ".changeset", `${name}.md`), ["---", ...head, "---", "", summary, ""].join("\n"));
}

/** The same commands the release workflow runs: `changeset version`, then `changeset publish`. */
async function versionAndPublish(): Promise<void> {
  await sh(repo, "pnpm", ["exec", "changeset", "version"]);
  await sh(repo, "pnpm", ["exec", "changeset", "publish", "--no-git-tag"], cleanEnv({ npm_config_registry: registry.url }));
}

/** What changesets reads and writes, and what a package's tarball is made of: no sources, no tests. */
const COPIED = [
  "package.json",
  "pnpm-workspace.yaml",
  "pnpm-lock.yaml",
  "LICENSE",
  ".changeset",
  "scripts/package.json",
  "packages/integration-tests/package.json",
  "packages/test-support/package.json",
  ...PACKAGES.flatMap((p) => ["package.json", "README.md", "LICENSE", "dist"].map((f) => `packages/${p.replace("@ultravox-api/", "")}/${f}`)),
];

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), "uvx-release-"));
  registry = await startRegistry(work);
  // A copy of the built packages (turbo builds them before this test runs) and the workspace files;
  // the real tree is never versioned or published from. The tools (changesets, pnpm) run from the
  // real node_modules, linked in: nothing is installed or rebuilt for the copy.
  repo = join(work, "repo");
  for (const path of COPIED) cpSync(join(repoRoot, path), join(repo, path), { recursive: true });
  await symlink(join(repoRoot, "node_modules"), join(repo, "node_modules"), "dir");
  for (const name of await readdir(join(repo, ".changeset"))) {
    if (name.endsWith(".md") && name !== "README.md") await rm(join(repo, ".changeset", name));
  }
  const host = registry.url.replace(/^http:/, "");
  // Only our scope comes from the local registry (it has no uplinks); pnpm's checks before a run
  // resolve every other dependency where the real tree got it.
  await writeFile(join(repo, ".npmrc"), `@ultravox-api:registry=${registry.url}\n${host}:_authToken=${registry.token}\n`);
}, 120_000);

/** The published tarball of a package version, and the paths inside it. */
async function publishedTarball(pkg: string, v: string): Promise<{ file: string; entries: string[] }> {
  const { dist } = await registry.manifest(pkg, v);
  const res = await fetch(dist?.tarball ?? "");
  expect(res.status, pkg).toBe(200);
  const file = join(work, `${pkg.replace("@ultravox-api/", "")}-${v}.tgz`);
  await writeFile(file, new Uint8Array(await res.arrayBuffer()));
  const entries = (await sh(work, "tar", ["-tzf", file])).trim().split("\n");
  return { file, entries };
}

afterAll(async () => {
  await registry.stop();
  await rm(work, { recursive: true, force: true });
}, 60_000);

describe("release to a real npm registry (verdaccio on 127.0.0.1)", () => {
  it("changeset version then changeset publish puts the four packages in the registry", async () => {
    const before = await Promise.all(PACKAGES.map(version));
    await changeset("release-all", Object.fromEntries(PACKAGES.map((p) => [p, "minor"])), API_CHANGE);
    await versionAndPublish();
    const after = await Promise.all(PACKAGES.map(version));
    const license = await readFile(join(repoRoot, "LICENSE"), "utf8");
    for (const [i, pkg] of PACKAGES.entries()) {
      const v = after[i] ?? "";
      expect(v, pkg).not.toBe(before[i]);
      expect(await registry.versions(pkg), pkg).toEqual([v]);
      // Each tarball carries the licence, the README and the changelog changesets wrote for this version.
      const { file, entries } = await publishedTarball(pkg, v);
      expect(entries, pkg).toEqual(expect.arrayContaining(["package/LICENSE", "package/README.md", "package/CHANGELOG.md", "package/package.json"]));
      expect(await sh(work, "tar", ["-xzOf", file, "package/LICENSE"]), pkg).toBe(license);
      const changelog = await sh(work, "tar", ["-xzOf", file, "package/CHANGELOG.md"]);
      expect(changelog, pkg).toMatch(new RegExp(`^# ${pkg}\\n\\n## ${v.replaceAll(".", "\\.")}\\n\\n### Minor Changes\\n`));
      expect(changelog, pkg).toContain(`- ${API_CHANGE}`);
      const published = JSON.parse(await sh(work, "tar", ["-xzOf", file, "package/package.json"])) as { engines?: { node?: string } };
      expect(published.engines?.node, pkg).toBe(">=20.19.0");
    }
    // workspace:^ became a real range on the way out.
    const client = await registry.manifest("@ultravox-api/client", after[1] ?? "");
    expect(client.dependencies?.["@ultravox-api/types"]).toBe(`^${after[0] ?? ""}`);
  }, 300_000);

  it("a fresh npm project installs them and runs a type-checked program (TypeScript 5.9 and 7): FUTURE calls of a batch, across pages", async () => {
    const consumer = join(work, "consumer");
    await mkdir(consumer);
    await sh(consumer, "npm", ["init", "-y"]);
    const pkgFile = join(consumer, "package.json");
    const pkg = JSON.parse(await readFile(pkgFile, "utf8")) as Record<string, unknown>;
    await writeFile(pkgFile, JSON.stringify({ ...pkg, type: "module", private: true }, null, 2));
    // Only our scope comes from the local registry; openapi-fetch, ajv… come from the usual one.
    await writeFile(join(consumer, ".npmrc"), `@ultravox-api:registry=${registry.url}\n`);
    await sh(consumer, "npm", ["install", "--prefer-offline", "--no-audit", "--no-fund", ...PACKAGES]);
    const installed = JSON.parse(await readFile(join(consumer, "node_modules/@ultravox-api/client/package.json"), "utf8")) as { version: string };
    expect(installed.version).toBe(await version("@ultravox-api/client"));

    await writeFile(join(consumer, "tsconfig.json"), consumerTsconfig);
    await writeFile(join(consumer, "main.ts"), consumerTypeError);
    await expect(sh(consumer, process.execPath, [tsc, "-p", "."])).rejects.toThrow(/TS2322/);

    await writeFile(join(consumer, "main.ts"), consumerMain);
    await sh(consumer, process.execPath, [tsc, "-p", "."]);
    const out = await sh(consumer, process.execPath, [join("dist", "main.js")]);
    expect(out.trim()).toBe(`scheduled calls FUTURE: ${CONSUMER_CALLS}`);

    // The TypeScript a stranger's `npm install -D typescript` brings today (7, the native compiler:
    // npm's `latest` when this was written), as well as the workspace's 5.9: the same verdicts.
    await sh(consumer, "npm", ["install", "-D", "--prefer-offline", "--no-audit", "--no-fund", `typescript@${CONSUMER_TYPESCRIPT}`]);
    const ownTsc = join(consumer, "node_modules", ".bin", "tsc");
    expect(await sh(consumer, ownTsc, ["-v"])).toContain(`Version ${CONSUMER_TYPESCRIPT}`);
    await writeFile(join(consumer, "main.ts"), consumerTypeError);
    await expect(sh(consumer, ownTsc, ["-p", "."])).rejects.toThrow(/TS2322/);
    await writeFile(join(consumer, "main.ts"), consumerMain);
    await rm(join(consumer, "dist"), { recursive: true });
    await sh(consumer, ownTsc, ["-p", "."]);
    const again = await sh(consumer, process.execPath, [join("dist", "main.js")]);
    expect(again.trim()).toBe(`scheduled calls FUTURE: ${CONSUMER_CALLS}`);

    // The packages are ESM-only; CommonJS code can still require() them on Node >= 20.19.
    await writeFile(join(consumer, "check.cjs"), consumerCjs);
    const exported = JSON.parse(await sh(consumer, process.execPath, ["check.cjs"])) as Record<string, string[]>;
    expect(exported["client"]).toContain("createUltravoxClient");
    expect(exported["pagination"]).toContain("paginate");
    expect(exported["mock-server"]).toContain("startMockServer");
  }, 300_000);

  it("a changeset for the mock server alone publishes only the mock server", async () => {
    const before = Object.fromEntries(await Promise.all(PACKAGES.map(async (p) => [p, await registry.versions(p)] as const)));
    const local = Object.fromEntries(await Promise.all(PACKAGES.map(async (p) => [p, await version(p)] as const)));
    await changeset("mock-only", { "@ultravox-api/mock-server": "patch" }, "Release test: mock server only.");
    await versionAndPublish();
    for (const pkg of PACKAGES) {
      if (pkg === "@ultravox-api/mock-server") continue;
      expect(await version(pkg), pkg).toBe(local[pkg]);
      expect(await registry.versions(pkg), pkg).toEqual(before[pkg]);
    }
    const mock = await version("@ultravox-api/mock-server");
    expect(mock).not.toBe(local["@ultravox-api/mock-server"]);
    expect(await registry.versions("@ultravox-api/mock-server")).toEqual([...(before["@ultravox-api/mock-server"] ?? []), mock].sort());
  }, 300_000);
});
