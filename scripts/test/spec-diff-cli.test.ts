import { execFile } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { diffBase } from "./fixtures/diff-base.js";
import { serve, type TestServer } from "./helpers/serve.js";
import { pullSpec } from "../src/spec-pull.js";
import { repoRoot, sharedSpecDir, tempRepo } from "./helpers/temp-repo.js";

const run = promisify(execFile);
// The built CLI, as `pnpm spec:diff` runs it (turbo builds scripts/ before its tests): a node start
// without tsx's loader takes half the time, and this file starts it 26 times.
const cli = join(repoRoot, "scripts", "dist", "spec-diff-cli.js");

async function diff(...args: string[]) {
  return diffIn(undefined, ...args);
}

async function diffIn(root: string | undefined, ...args: string[]) {
  try {
    const env = root === undefined ? process.env : { ...process.env, ULTRAVOX_REPO_ROOT: root, ULTRAVOX_SPEC_OFFLINE: "1" };
    const { stdout, stderr } = await run(process.execPath, [cli, ...args], { env, cwd: repoRoot });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

let dir: string;
let server: TestServer;
const file = (name: string) => join(dir, name);

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "uvx-diff-"));
  const files: Record<string, string> = {
    "base.yaml": diffBase,
    "breaking.yaml": diffBase.replace("        label:\n          type: string\n", ""),
    "additive.yaml": diffBase.replace("enum: [red, blue]", "enum: [red, blue, green]"),
    "docs.yaml": diffBase.replace("description: A thing.", "description: A thing, better."),
    "none.yaml": diffBase.replace("openapi: 3.0.3", "openapi: 3.0.4"),
    "runtime.yaml": diffBase.replace("          maxLength: 20\n", "          maxLength: 10\n"),
    "enum-growth.yaml": diffBase.replace("      enum: [FUTURE, PENDING]\n    ThingInput", "      enum: [FUTURE, PENDING, ERROR]\n    ThingInput"),
    "swagger.yaml": "swagger: '2.0'\npaths: {}\n",
    "garbage.yaml": "a: [unclosed\n",
    "dangling.yaml": diffBase.replace("schemas/Owner'", "schemas/Missing'"),
  };
  for (const [name, text] of Object.entries(files)) await writeFile(file(name), text);
  server = await serve({
    "/spec.yaml": (_req, res) => res.writeHead(200, { "content-type": "application/yaml" }).end(files["additive.yaml"]),
  });
});

afterAll(async () => {
  await server.close();
  await rm(dir, { recursive: true, force: true });
});

describe("pnpm spec:diff exit codes", () => {
  const table: { given: string; flags: string[]; want: number }[] = [
    { given: "breaking.yaml", flags: [], want: 0 },
    { given: "breaking.yaml", flags: ["--fail-on", "breaking"], want: 1 },
    { given: "breaking.yaml", flags: ["--fail-on", "additive"], want: 1 },
    { given: "additive.yaml", flags: ["--fail-on", "breaking"], want: 0 },
    { given: "additive.yaml", flags: ["--fail-on", "additive"], want: 1 },
    { given: "docs.yaml", flags: ["--fail-on", "additive"], want: 0 },
    { given: "docs.yaml", flags: ["--fail-on", "breaking"], want: 0 },
    { given: "none.yaml", flags: ["--fail-on", "additive"], want: 0 },
    { given: "runtime.yaml", flags: [], want: 0 },
    { given: "runtime.yaml", flags: ["--fail-on", "breaking"], want: 1 },
    { given: "runtime.yaml", flags: ["--fail-on", "breaking", "--allow-runtime-breaking"], want: 0 },
    { given: "runtime.yaml", flags: ["--fail-on", "soft", "--allow-runtime-breaking"], want: 0 },
    { given: "runtime.yaml", flags: ["--fail-on", "additive", "--allow-runtime-breaking"], want: 1 },
    { given: "enum-growth.yaml", flags: ["--fail-on", "breaking"], want: 0 },
    { given: "enum-growth.yaml", flags: ["--fail-on", "soft"], want: 1 },
    { given: "additive.yaml", flags: ["--fail-on", "soft"], want: 0 },
    { given: "breaking.yaml", flags: ["--fail-on", "soft"], want: 1 },
  ];
  it.each(table)("$given $flags → exit $want", async ({ given, flags, want }) => {
    const result = await diff(file("base.yaml"), file(given), ...flags);
    expect(result.stderr).toBe("");
    expect(result.code).toBe(want);
  });
});

describe("pnpm spec:diff bad input", () => {
  const table: { args: () => string[]; want: RegExp }[] = [
    { args: () => [file("base.yaml"), file("missing.yaml")], want: /cannot read spec file .*missing\.yaml \(ENOENT\)/ },
    { args: () => [file("swagger.yaml"), file("base.yaml")], want: /not an OpenAPI 3\.x document \(swagger 2\.0\)/ },
    { args: () => [file("base.yaml"), file("garbage.yaml")], want: /not valid YAML or JSON/ },
    { args: () => [file("base.yaml"), file("dangling.yaml")], want: /unresolved \$ref "#\/components\/schemas\/Missing"/ },
    { args: () => [file("base.yaml")], want: /usage: pnpm spec:diff <old> <new>/ },
    { args: () => [file("base.yaml"), file("base.yaml"), "--fail-on", "docs"], want: /--fail-on takes breaking, soft or additive/ },
  ];
  it.each(table)("exits 2 with one line: $want", async ({ args, want }) => {
    const result = await diff(...args());
    expect(result.code).toBe(2);
    expect(result.stdout).toBe("");
    expect(result.stderr).toMatch(want);
    expect(result.stderr.trimEnd().split("\n")).toHaveLength(1);
  });
});

describe("pnpm spec:diff output", () => {
  it("writes JSON with the classified changes, from a URL too", async () => {
    const result = await diff(file("base.yaml"), `${server.url}/spec.yaml`, "--json");
    expect(result.code).toBe(0);
    const report = JSON.parse(result.stdout) as { class: string; schemas: { subject: string; changes: { message: string }[] }[] };
    expect(report.class).toBe("additive");
    expect(report.schemas.map((s) => [s.subject, s.changes.map((c) => c.message)])).toEqual([
      ["ThingInput", ["`ThingInput.color`: new value `green`"]],
    ]);
  });

  it("writes Markdown by default, byte-identical across runs", async () => {
    const a = await diff(file("base.yaml"), file("breaking.yaml"));
    const b = await diff(file("base.yaml"), file("breaking.yaml"));
    expect(a.stdout).toBe(b.stdout);
    expect(a.stdout).toContain("**Overall: breaking** — breaking 1 · runtime-breaking 0 · additive 0 · docs 0 · none 0");
    expect(a.stdout).toContain("| breaking | `Thing.label`: removed |");
  });
});

describe("pnpm spec:diff --locked", () => {
  const history = (name: string) => join(sharedSpecDir, "history", `${name}.yaml`);

  it("compares the locked spec with a new one, both with our overlays", { timeout: 240_000 }, async () => {
    const root = await tempRepo({ upstream: "http://127.0.0.1:9/unreachable", mirrors: [sharedSpecDir] });
    try {
      await pullSpec({ root, from: history("2026-06-04T1403") });
      // Same document: the overlays on both sides cancel out, nothing is reported.
      const same = await diffIn(root, "--locked", history("2026-06-04T1403"), "--json");
      expect(same.stderr).toBe("");
      const report = JSON.parse(same.stdout) as { old: string; class: string; operations: unknown[]; schemas: unknown[] };
      expect(report).toMatchObject({ old: "spec/spec.lock.json", class: "none", operations: [], schemas: [] });
      const next = await diffIn(root, "--locked", history("2026-07-02T0759"), "--fail-on", "additive");
      expect(next.stderr).toBe("");
      expect(next.code).toBe(1);
      expect(next.stdout).toContain("**Overall: additive**");
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  });
});
