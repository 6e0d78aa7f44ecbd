import { execFile } from "node:child_process";
import { createHash } from "node:crypto";
import { cp, mkdir, mkdtemp, readFile, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { brokenRefSpec, refSiblingSpec, tinySpec } from "./fixtures/specs.js";
import { serve, type TestServer } from "./helpers/serve.js";
import { newestSpec, repoRoot, tempRepo } from "./helpers/temp-repo.js";

const run = promisify(execFile);
const sha = (s: string) => createHash("sha256").update(s).digest("hex");
const cli = join(repoRoot, "scripts", "dist", "spec-pull-cli.js");

async function pull(root: string, ...args: string[]) {
  return pullIn(process.cwd(), root, ...args);
}

async function pullIn(cwd: string, root: string, ...args: string[]) {
  try {
    const { stdout, stderr } = await run(process.execPath, [cli, ...args], {
      cwd,
      env: { ...process.env, ULTRAVOX_REPO_ROOT: root, ULTRAVOX_SPEC_SOURCE: "", ULTRAVOX_SPEC_OFFLINE: "" },
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

let server: TestServer;
let root: string;
let newest: string;
let closedPort: number;

beforeAll(async () => {
  newest = await readFile(newestSpec, "utf8");
  server = await serve({
    "/schema.yaml": (_req, res) => res.writeHead(200, { "content-type": "application/yaml" }).end(newest),
    "/schema.json": (_req, res) =>
      res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(parse(newest))),
    "/missing": (_req, res) => res.writeHead(404).end("Not found"),
    "/broken": (_req, res) => res.writeHead(500).end("Internal Server Error"),
    "/hang": () => {
      // Never answers: the pull must give up on its own.
    },
    "/truncated": (_req, res) => res.writeHead(200).end(newest.slice(0, Math.floor(newest.length / 2))),
    "/invalid-yaml": (_req, res) => res.writeHead(200).end("openapi: 3.0.3\npaths: {\n  /a: [\n"),
    "/not-openapi.json": (_req, res) => res.writeHead(200).end(JSON.stringify({ hello: "world", paths: {} })),
    "/swagger.json": (_req, res) => res.writeHead(200).end(JSON.stringify({ swagger: "2.0", paths: {} })),
    "/broken-ref": (_req, res) => res.writeHead(200).end(brokenRefSpec),
    "/ref-sibling": (_req, res) => res.writeHead(200).end(refSiblingSpec),
  });
  // A port that was just free: nothing listens there.
  const probe = await serve({});
  closedPort = Number(new URL(probe.url).port);
  await probe.close();
  root = await tempRepo({ upstream: `${server.url}/schema.yaml`, mirrors: [] });
});

afterAll(async () => {
  await server.close();
  await rm(root, { recursive: true, force: true });
});

describe("spec:pull succeeds", () => {
  it("locks a URL's YAML document with sha256, counts and capture time", async () => {
    const result = await pull(root);
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    const lock = JSON.parse(await readFile(join(root, "spec", "spec.lock.json"), "utf8")) as Record<string, unknown>;
    const { createHash } = await import("node:crypto");
    expect(lock).toMatchObject({
      source: `${server.url}/schema.yaml`,
      sha256: createHash("sha256").update(newest).digest("hex"),
      openapi: "3.0.3",
      counts: { paths: 63, operations: 114, schemas: 176 },
    });
    expect(Date.parse(lock["capturedAt"] as string)).not.toBeNaN();
    const written = await readFile(join(root, "spec", "openapi.yaml"), "utf8");
    const doc = parse(written) as { components: { schemas: Record<string, unknown> } };
    // Our overlay is applied: the error schemas exist in the written spec.
    expect(Object.keys(doc.components.schemas)).toContain("ErrorDetail");
  });

  it("keeps the lock byte-identical when the same document is pulled again", async () => {
    await pull(root, "--from", `${server.url}/schema.yaml`);
    const before = await readFile(join(root, "spec", "spec.lock.json"), "utf8");
    const again = await pull(root, "--from", `${server.url}/schema.yaml`);
    expect(again.stdout).toMatch(/^spec:pull: unchanged /);
    expect(await readFile(join(root, "spec", "spec.lock.json"), "utf8")).toBe(before);
  });

  it("accepts JSON and a local file path, and --from wins over the default", async () => {
    const fromJson = await pull(root, "--from", `${server.url}/schema.json`);
    expect(fromJson.code).toBe(0);
    const jsonLock = JSON.parse(await readFile(join(root, "spec", "spec.lock.json"), "utf8")) as { counts: unknown };
    expect(jsonLock.counts).toEqual({ paths: 63, operations: 114, schemas: 176 });

    const file = join(root, "tiny.yaml");
    await writeFile(file, tinySpec);
    const fromFile = await pull(root, "--from", file);
    expect(fromFile.code).toBe(0);
    const lock = JSON.parse(await readFile(join(root, "spec", "spec.lock.json"), "utf8")) as Record<string, unknown>;
    // Recorded relative to the repo root: the lock holds no machine's absolute path.
    expect(lock).toMatchObject({ source: "tiny.yaml", counts: { paths: 1, operations: 1, schemas: 1 } });
  });
});

describe("spec:pull says what it rewrote, and rewrites nothing else", () => {
  const overlay =
    "overlay: 1.0.0\ninfo: {title: t, version: '1'}\nactions:\n  - target: $.info\n    description: test\n    update: {x-test: 1}\n";
  // Each row starts from a repo freshly locked at tiny.yaml (a file in the repo, copied to its mirror).
  const table: {
    name: string;
    given: (root: string) => Promise<{ args: string[]; cwd?: string }>;
    want: { stdout: RegExp; lockFields: string[]; specRewritten: boolean };
  }[] = [
    {
      name: "the same file again",
      given: (root) => Promise.resolve({ args: ["--from", join(root, "tiny.yaml")] }),
      want: { stdout: /^spec:pull: unchanged tiny\.yaml \(sha256 /, lockFields: [], specRewritten: false },
    },
    {
      name: "the same file by a path relative to the working directory",
      given: (root) => Promise.resolve({ args: ["--from", "tiny.yaml"], cwd: root }),
      want: { stdout: /^spec:pull: unchanged tiny\.yaml /, lockFields: [], specRewritten: false },
    },
    {
      name: "an overlay added",
      given: async (root) => {
        await writeFile(join(root, "spec", "overlays", "999-test.yaml"), overlay);
        return { args: ["--from", join(root, "tiny.yaml")] };
      },
      want: { stdout: /^spec:pull: locked tiny\.yaml: overlays changed \(sha256 /, lockFields: ["overlaysSha256"], specRewritten: true },
    },
    {
      name: "an overlay added, then --locked: the locked document found in the mirror",
      given: async (root) => {
        await writeFile(join(root, "spec", "overlays", "999-test.yaml"), overlay);
        return { args: ["--locked", "--offline"] };
      },
      want: { stdout: /^spec:pull: locked tiny\.yaml: overlays changed \(sha256 /, lockFields: ["overlaysSha256"], specRewritten: true },
    },
    {
      name: "--locked with nothing changed",
      given: () => Promise.resolve({ args: ["--locked", "--offline"] }),
      want: { stdout: /^spec:pull: unchanged tiny\.yaml /, lockFields: [], specRewritten: false },
    },
    {
      name: "a new version of the document",
      given: async (root) => {
        await writeFile(join(root, "tiny.yaml"), tinySpec.replace("version: 1.0.0", "version: 1.0.1"));
        return { args: ["--from", join(root, "tiny.yaml")] };
      },
      want: {
        stdout: new RegExp(`^spec:pull: locked tiny\\.yaml: document changed \\(was ${sha(tinySpec).slice(0, 12)}…\\) \\(sha256 `),
        lockFields: ["apiVersion", "capturedAt", "sha256"],
        specRewritten: true,
      },
    },
    {
      name: "spec/openapi.yaml deleted",
      given: async (root) => {
        await rm(join(root, "spec", "openapi.yaml"));
        return { args: ["--from", join(root, "tiny.yaml")] };
      },
      want: { stdout: /^spec:pull: lock unchanged, rebuilt spec\/openapi\.yaml from tiny\.yaml /, lockFields: [], specRewritten: true },
    },
    {
      name: "the same document from outside the repo and its mirrors",
      given: async (root) => {
        const elsewhere = await mkdtemp(join(tmpdir(), "uvx-elsewhere-"));
        cleanup.push(elsewhere);
        await cp(join(root, "tiny.yaml"), join(elsewhere, "tiny.yaml"));
        return { args: ["--from", join(elsewhere, "tiny.yaml")] };
      },
      want: {
        stdout: /^spec:pull: locked file:tiny\.yaml: source was tiny\.yaml \(sha256 /,
        lockFields: ["capturedAt", "source"],
        specRewritten: false,
      },
    },
  ];

  const cleanup: string[] = [];
  afterAll(async () => {
    await Promise.all(cleanup.map((dir) => rm(dir, { recursive: true, force: true })));
  });

  it.each(table)("$name", async ({ given, want }) => {
    const repo = await tempRepo({ upstream: "http://127.0.0.1:9/unreachable", mirrors: ["mirror"] });
    try {
      await writeFile(join(repo, "tiny.yaml"), tinySpec);
      await mkdir(join(repo, "mirror"));
      await writeFile(join(repo, "mirror", "tiny.yaml"), tinySpec);
      expect((await pull(repo, "--from", join(repo, "tiny.yaml"))).stdout).toMatch(/^spec:pull: locked tiny\.yaml: new lock /);
      const lockPath = join(repo, "spec", "spec.lock.json");
      const specPath = join(repo, "spec", "openapi.yaml");
      const before = {
        lock: await readFile(lockPath, "utf8"),
        lockTime: (await stat(lockPath)).mtimeMs,
        specTime: (await stat(specPath)).mtimeMs,
      };
      // The clock moves on between the pulls, so a new capture time would show.
      await new Promise((r) => setTimeout(r, 20));

      const { args, cwd } = await given(repo);
      const result = await pullIn(cwd ?? process.cwd(), repo, ...args);
      expect(result.stderr).toBe("");
      expect(result.stdout).toMatch(want.stdout);
      const after = await readFile(lockPath, "utf8");
      const [was, now] = [JSON.parse(before.lock), JSON.parse(after)] as Record<string, unknown>[];
      const differing = Object.keys(now ?? {}).filter((k) => JSON.stringify(was?.[k]) !== JSON.stringify(now?.[k]));
      expect(differing.sort()).toEqual(want.lockFields);
      // Nothing changed: the lock is not even rewritten.
      if (want.lockFields.length === 0) expect((await stat(lockPath)).mtimeMs).toBe(before.lockTime);
      expect((await stat(specPath)).mtimeMs !== before.specTime).toBe(want.specRewritten);
      expect(now?.["source"]).not.toMatch(/^\//);
    } finally {
      await rm(repo, { recursive: true, force: true });
    }
  });

  it("--locked refuses --from, and needs a lock", async () => {
    const repo = await tempRepo({ upstream: "http://127.0.0.1:9/unreachable", mirrors: [] });
    try {
      const both = await pull(repo, "--locked", "--from", "x.yaml");
      expect(both.code).toBe(2);
      expect(both.stderr).toMatch(/^spec:pull: usage: .*--locked and --from exclude each other\)\n$/);
      const noLock = await pull(repo, "--locked");
      expect(noLock.code).toBe(1);
      expect(noLock.stderr).toBe("spec:pull: spec/spec.lock.json is missing: run pnpm spec:pull --from <file-or-url>\n");
    } finally {
      await rm(repo, { recursive: true, force: true });
    }
  });
});

describe("spec:pull fails cleanly and keeps the previous spec and lock", () => {
  // Each row: a source and the one line the CLI must print.
  const table: { name: string; source: () => string; args?: string[]; want: RegExp }[] = [
    { name: "unreachable host", source: () => `http://127.0.0.1:${closedPort}/schema`, want: /cannot reach .*ECONNREFUSED/ },
    { name: "HTTP 404", source: () => `${server.url}/missing`, want: /answered HTTP 404/ },
    { name: "HTTP 500", source: () => `${server.url}/broken`, want: /answered HTTP 500/ },
    { name: "timeout", source: () => `${server.url}/hang`, args: ["--timeout-ms", "300"], want: /timed out after 300 ms/ },
    { name: "truncated document", source: () => `${server.url}/truncated`, want: /not valid YAML|fails OpenAPI validation/ },
    { name: "invalid YAML", source: () => `${server.url}/invalid-yaml`, want: /is not valid YAML or JSON/ },
    { name: "JSON that is not OpenAPI", source: () => `${server.url}/not-openapi.json`, want: /not an OpenAPI 3\.x document/ },
    { name: "Swagger 2.0", source: () => `${server.url}/swagger.json`, want: /not an OpenAPI 3\.x document \(swagger 2\.0\)/ },
    { name: "broken $ref", source: () => `${server.url}/broken-ref`, want: /fails OpenAPI validation: .*Missing/ },
    {
      name: "$ref with sibling keys in 3.0 (strict validation)",
      source: () => `${server.url}/ref-sibling`,
      want: /fails strict OpenAPI 3\.0\.3 validation: \$ref "#\/components\/schemas\/Thing" has sibling keys "nullable", which OpenAPI 3\.0 ignores at #\/components\/schemas\/Thing\/properties\/parent$/,
    },
    { name: "missing file", source: () => join(root, "nope.yaml"), want: /cannot read spec file .*ENOENT/ },
  ];

  // One good pull before the table: each row then fails and must leave that spec and lock as they are.
  beforeAll(async () => {
    expect((await pull(root, "--from", `${server.url}/schema.yaml`)).code).toBe(0);
  });

  it.each(table)("$name", async ({ source, args = [], want }) => {
    const before = await Promise.all(
      ["openapi.yaml", "spec.lock.json"].map((f) => readFile(join(root, "spec", f))),
    );
    const result = await pull(root, "--from", source(), ...args);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe("");
    const lines = result.stderr.trimEnd().split("\n");
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^spec:pull: /);
    expect(lines[0]).toMatch(want);
    const after = await Promise.all(["openapi.yaml", "spec.lock.json"].map((f) => readFile(join(root, "spec", f))));
    expect(after[0]?.equals(before[0] ?? Buffer.alloc(0))).toBe(true);
    expect(after[1]?.equals(before[1] ?? Buffer.alloc(0))).toBe(true);
  });

  it("bad usage exits 2 with one line", async () => {
    const result = await pull(root, "--frm", "x");
    expect(result.code).toBe(2);
    expect(result.stderr.trimEnd().split("\n")).toHaveLength(1);
  });
});
