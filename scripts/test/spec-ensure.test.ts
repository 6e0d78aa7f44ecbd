import { execFile } from "node:child_process";
import { createHash } from "node:crypto";
import { cp, mkdir, readFile, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { ensureLockedSpec, pullSpec } from "../src/index.js";
import { loadOverlays } from "../src/internal/load-overlays.js";
import { tinySpec } from "./fixtures/specs.js";
import { serve, type TestServer } from "./helpers/serve.js";
import { newestSpec, repoRoot, sharedSpecDir, tempRepo } from "./helpers/temp-repo.js";

const run = promisify(execFile);

const sha = (s: string) => createHash("sha256").update(s).digest("hex");

let server: TestServer;
let root: string;
let mirror: string;
let upstreamBody = "";

beforeAll(async () => {
  server = await serve({
    "/schema": (_req, res) => res.writeHead(200).end(upstreamBody),
  });
  root = await tempRepo({ upstream: `${server.url}/schema`, mirrors: ["mirror"] });
  mirror = join(root, "mirror");
  await mkdir(join(mirror, "history"), { recursive: true });
  // A mirror laid out like ../shared/ultravox-spec: the newest file plus a few history versions.
  await cp(newestSpec, join(mirror, "openapi.yaml"));
  for (const name of ["2024-11-15T0927.yaml", "2025-06-06T1817.yaml", "2026-03-12T0235.yaml"]) {
    await cp(join(sharedSpecDir, "history", name), join(mirror, "history", name));
  }
});

afterAll(async () => {
  await server.close();
  await rm(root, { recursive: true, force: true });
});

beforeEach(async () => {
  upstreamBody = "";
  await rm(join(root, "spec", "openapi.yaml"), { force: true });
});

describe("ensureLockedSpec", () => {
  it("rebuilds a missing spec from the mirror file whose sha256 matches the lock", async () => {
    await pullSpec({ root, from: join(sharedSpecDir, "history", "2025-06-06T1817.yaml") });
    const built = await readFile(join(root, "spec", "openapi.yaml"), "utf8");
    await rm(join(root, "spec", "openapi.yaml"));
    const lockBefore = await readFile(join(root, "spec", "spec.lock.json"), "utf8");

    const result = await ensureLockedSpec({ root });
    expect(result.origin).toBe(join("mirror", "history", "2025-06-06T1817.yaml"));
    expect(await readFile(join(root, "spec", "openapi.yaml"), "utf8")).toBe(built);
    expect(await readFile(join(root, "spec", "spec.lock.json"), "utf8")).toBe(lockBefore);
  });

  it("keeps a spec whose stamp matches, and rebuilds one that does not", async () => {
    await pullSpec({ root, from: newestSpec });
    expect((await ensureLockedSpec({ root })).origin).toBe("cached");
    const path = join(root, "spec", "openapi.yaml");
    await writeFile(path, `# hand-edited\n${await readFile(path, "utf8")}`);
    expect((await ensureLockedSpec({ root, offline: true })).origin).toBe(join("mirror", "openapi.yaml"));
  });

  it("refuses overlays the lock does not record, writing nothing, until spec:pull --locked records them", async () => {
    await pullSpec({ root, from: newestSpec });
    const specPath = join(root, "spec", "openapi.yaml");
    const lockPath = join(root, "spec", "spec.lock.json");
    const [specBefore, lockBefore] = await Promise.all([readFile(specPath, "utf8"), readFile(lockPath, "utf8")]);
    const overlay = join(root, "spec", "overlays", "999-test.yaml");
    await writeFile(
      overlay,
      "overlay: 1.0.0\ninfo: {title: t, version: '1'}\nactions:\n  - target: $.info\n    description: test\n    update: {x-test: 1}\n",
    );
    try {
      const locked = (JSON.parse(lockBefore) as { overlaysSha256: string }).overlaysSha256;
      await expect(ensureLockedSpec({ root, offline: true })).rejects.toThrow(
        new RegExp(
          `^spec/spec\\.lock\\.json records overlays ${locked.slice(0, 12)}… but spec/overlays hash to [0-9a-f]{12}…: ` +
            `run pnpm spec:pull --locked .*then commit spec/spec\\.lock\\.json$`,
        ),
      );
      expect(await readFile(specPath, "utf8")).toBe(specBefore);
      expect(await readFile(lockPath, "utf8")).toBe(lockBefore);

      const relocked = await pullSpec({ root, locked: true, offline: true });
      expect(relocked.lockChanges).toEqual(["overlays changed"]);
      const result = await ensureLockedSpec({ root, offline: true });
      expect(result.origin).toBe("cached");
      expect(result.text).toContain("x-test: 1");
    } finally {
      await rm(overlay);
    }
    // The overlay gone, the lock is stale again the other way.
    await expect(ensureLockedSpec({ root, offline: true })).rejects.toThrow(/pnpm spec:pull --locked/);
  });

  it("validates the overlaid document strictly when it rebuilds, and writes nothing when that fails", async () => {
    await pullSpec({ root, from: newestSpec });
    await rm(join(root, "spec", "openapi.yaml"));
    // An overlay that puts a key beside a $ref: the official 3.0 schema accepts it, 3.0 ignores it.
    const overlay = join(root, "spec", "overlays", "999-bad.yaml");
    await writeFile(
      overlay,
      "overlay: 1.0.0\ninfo: {title: t, version: '1'}\nactions:\n" +
        "  - target: $.paths['/api/voice_preview'].post.requestBody.content['application/json'].schema\n" +
        "    description: test\n    update: {nullable: true}\n",
    );
    const strictFailure =
      /with our overlays fails strict OpenAPI 3\.0\.3 validation: \$ref "#\/components\/schemas\/Voice" has sibling keys "nullable".* at #\/paths\/~1api~1voice_preview\/post\/requestBody\/content\/application~1json\/schema$/;
    try {
      // spec:pull --locked validates before it writes: the lock keeps its old overlays hash.
      const lockPath = join(root, "spec", "spec.lock.json");
      const lockBefore = await readFile(lockPath, "utf8");
      await expect(pullSpec({ root, locked: true, offline: true })).rejects.toThrow(strictFailure);
      expect(await readFile(lockPath, "utf8")).toBe(lockBefore);
      // A lock that records this overlay (as a commit made without running the pull would hold).
      const lock = JSON.parse(lockBefore) as Record<string, unknown>;
      lock["overlaysSha256"] = (await loadOverlays(join(root, "spec", "overlays"))).sha256;
      await writeFile(lockPath, JSON.stringify(lock));
      await expect(ensureLockedSpec({ root, offline: true })).rejects.toThrow(
        /with our overlays fails strict OpenAPI 3\.0\.3 validation: \$ref "#\/components\/schemas\/Voice" has sibling keys "nullable".* at #\/paths\/~1api~1voice_preview\/post\/requestBody\/content\/application~1json\/schema$/,
      );
      await expect(readFile(join(root, "spec", "openapi.yaml"))).rejects.toThrow(/ENOENT/);
    } finally {
      await rm(overlay);
    }
  });

  it("tries the upstream URL first, then mirrors", async () => {
    await pullSpec({ root, from: newestSpec });
    await rm(join(root, "spec", "openapi.yaml"));
    upstreamBody = await readFile(newestSpec, "utf8");
    const before = server.requests.length;
    expect((await ensureLockedSpec({ root })).origin).toBe(`${server.url}/schema`);
    expect(server.requests.length).toBe(before + 1);
  });

  it("skips an upstream that serves another version", async () => {
    await pullSpec({ root, from: newestSpec });
    await rm(join(root, "spec", "openapi.yaml"));
    upstreamBody = tinySpec;
    expect((await ensureLockedSpec({ root })).origin).toBe(join("mirror", "openapi.yaml"));
  });

  it("stops with one line naming every source tried, why each failed, and what to run", async () => {
    const file = join(root, "tiny.yaml");
    await writeFile(file, tinySpec);
    await pullSpec({ root, from: file });
    await rm(join(root, "spec", "openapi.yaml"));
    await rm(file);
    const error = await ensureLockedSpec({ root }).then(
      () => undefined,
      (e: unknown) => e as Error,
    );
    const message = error?.message ?? "";
    expect(message).not.toContain("\n");
    expect(message).toMatch(new RegExp(`^no source has the locked spec \\(sha256 ${sha(tinySpec).slice(0, 12)}…\\)`));
    // The upstream answered, but with another document (the empty body here).
    expect(message).toContain(`tried ${server.url}/schema (has sha256 ${sha("").slice(0, 12)}…, another version)`);
    expect(message).toContain(`mirror ${mirror} (none of its 4 files has it)`);
    expect(message).toMatch(/pnpm spec:pull --from <file-or-url>/);
    await expect(ensureLockedSpec({ root, offline: true })).rejects.toThrow(`tried ${server.url}/schema (skipped: offline)`);
  });
});

// What a stranger sees after cloning the repo alone: no ../shared beside it, upstream unreachable.
describe("spec:ensure in a clone without ../shared", () => {
  const cli = join(repoRoot, "scripts", "dist", "spec-ensure-cli.js");

  it("exits 1 naming the upstream URL with its network error and the missing mirror folder", async () => {
    const closed = await serve({});
    const upstream = `${closed.url}/api/schema/`;
    await closed.close(); // Nothing listens there any more: connection refused.
    const clone = await tempRepo({ upstream, mirrors: ["../shared/ultravox-spec"] });
    try {
      await writeFile(join(clone, "tiny.yaml"), tinySpec);
      await pullSpec({ root: clone, from: join(clone, "tiny.yaml") });
      await rm(join(clone, "spec", "openapi.yaml"));
      const result = await run(process.execPath, [cli], { env: { ...process.env, ULTRAVOX_REPO_ROOT: clone } }).then(
        () => ({ code: 0, stderr: "" }),
        (e: unknown) => e as { code: number; stderr: string },
      );
      expect(result.code).toBe(1);
      const lines = result.stderr.trim().split("\n");
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(/^spec:ensure: no source has the locked spec/);
      expect(lines[0]).toContain(`tried ${upstream} (cannot reach ${upstream} (ECONNREFUSED))`);
      expect(lines[0]).toContain(`mirror ${join(clone, "..", "shared", "ultravox-spec")} (no such folder)`);
      expect(lines[0]).toContain("pnpm spec:pull --from <file-or-url>");
    } finally {
      await rm(clone, { recursive: true, force: true });
    }
  });

  it("exits 1 with one line naming the fix when an overlay changed since the lock was written", async () => {
    const clone = await tempRepo({ upstream: "http://127.0.0.1:9/unreachable", mirrors: [] });
    try {
      await writeFile(join(clone, "tiny.yaml"), tinySpec);
      await pullSpec({ root: clone, from: join(clone, "tiny.yaml") });
      await writeFile(
        join(clone, "spec", "overlays", "999-test.yaml"),
        "overlay: 1.0.0\ninfo: {title: t, version: '1'}\nactions:\n  - target: $.info\n    description: test\n    update: {x-test: 1}\n",
      );
      const result = await run(process.execPath, [cli], { env: { ...process.env, ULTRAVOX_REPO_ROOT: clone } }).then(
        () => ({ code: 0, stderr: "" }),
        (e: unknown) => e as { code: number; stderr: string },
      );
      expect(result.code).toBe(1);
      expect(result.stderr).toMatch(/^spec:ensure: spec\/spec\.lock\.json records overlays [0-9a-f]{12}… but spec\/overlays hash to [0-9a-f]{12}…: run pnpm spec:pull --locked .*\n$/);
    } finally {
      await rm(clone, { recursive: true, force: true });
    }
  });
});
