import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { checkLockOverlays, readLock, type SpecLock } from "../src/index.js";
import { loadOverlays } from "../src/internal/load-overlays.js";
import { lockSource } from "../src/internal/lock-source.js";
import { repoRoot } from "./helpers/temp-repo.js";

describe("the committed lock", () => {
  // An overlay edited without refreshing the lock fails here (and pnpm build refuses it).
  it("records the hash of spec/overlays as spec:pull computes it", async () => {
    const lock = await readLock(join(repoRoot, "spec", "spec.lock.json"));
    const overlays = await loadOverlays(join(repoRoot, "spec", "overlays"));
    expect(overlays.overlays.length).toBeGreaterThan(0);
    expect(lock?.overlaysSha256, "spec/overlays changed since the lock was written: run pnpm spec:pull --locked").toBe(
      overlays.sha256,
    );
    expect(() => {
      if (lock) checkLockOverlays(lock, overlays.sha256);
    }).not.toThrow();
  });

  it("holds no absolute path as its source", async () => {
    const lock = await readLock(join(repoRoot, "spec", "spec.lock.json"));
    expect(lock?.source).toMatch(/^(https?:\/\/|file:[^/\\]+$|[^/\\])/);
    expect(lock?.source).not.toContain(repoRoot);
  });
});

describe("checkLockOverlays", () => {
  const lock = (overlaysSha256: string) => ({ overlaysSha256 }) as SpecLock;
  const a = "a".repeat(64);
  const b = "b".repeat(64);
  const table: { name: string; given: { locked: SpecLock; current: string }; want: RegExp | undefined }[] = [
    { name: "same hash", given: { locked: lock(a), current: a }, want: undefined },
    {
      name: "overlays changed",
      given: { locked: lock(a), current: b },
      want: /^spec\/spec\.lock\.json records overlays aaaaaaaaaaaa… but spec\/overlays hash to bbbbbbbbbbbb…: run pnpm spec:pull --locked .*then commit spec\/spec\.lock\.json$/,
    },
    {
      name: "lock without the field",
      given: { locked: {} as SpecLock, current: b },
      want: /^spec\/spec\.lock\.json records overlays no overlays hash but .*pnpm spec:pull --locked/,
    },
  ];
  it.each(table)("$name", ({ given, want }) => {
    const check = () => {
      checkLockOverlays(given.locked, given.current);
    };
    if (want === undefined) expect(check).not.toThrow();
    else expect(check).toThrow(want);
  });
});

describe("lockSource: what the lock records as source", () => {
  const root = resolve("/repo/sdk");
  const mirrors = ["../shared/ultravox-spec", resolve("/abs/mirror")];
  const table: { name: string; given: string; want: string }[] = [
    { name: "https URL as given", given: "https://api.ultravox.ai/api/schema/?format=yaml", want: "https://api.ultravox.ai/api/schema/?format=yaml" },
    { name: "http URL as given", given: "http://127.0.0.1:8080/schema.yaml", want: "http://127.0.0.1:8080/schema.yaml" },
    { name: "absolute file in the repo", given: join(root, "spec", "upstream.yaml"), want: "spec/upstream.yaml" },
    { name: "absolute file in a relative mirror", given: resolve(root, "../shared/ultravox-spec/openapi.yaml"), want: "../shared/ultravox-spec/openapi.yaml" },
    {
      name: "file in a mirror's history",
      given: resolve(root, "../shared/ultravox-spec/history/2025-06-06T1817.yaml"),
      want: "../shared/ultravox-spec/history/2025-06-06T1817.yaml",
    },
    { name: "file elsewhere: its name only", given: resolve("/tmp/downloads/openapi.yaml"), want: "file:openapi.yaml" },
    { name: "sibling of the mirror, not in it", given: resolve(root, "../shared/other.yaml"), want: "file:other.yaml" },
    { name: "file in an absolute mirror: machine-specific, name only", given: resolve("/abs/mirror/openapi.yaml"), want: "file:openapi.yaml" },
    { name: "file whose name starts with two dots, in the repo", given: join(root, "..spec.yaml"), want: "..spec.yaml" },
  ];
  it.each(table)("$name", ({ given, want }) => {
    expect(lockSource(given, root, mirrors)).toBe(want);
  });

  it("reads a relative path from the working directory, as the pull reads the file", () => {
    const cwdRoot = process.cwd();
    expect(lockSource(join("spec", "x.yaml"), cwdRoot, [])).toBe("spec/x.yaml");
    expect(lockSource(join("..", "..", "elsewhere", "x.yaml"), cwdRoot, [])).toBe("file:x.yaml");
  });
});
