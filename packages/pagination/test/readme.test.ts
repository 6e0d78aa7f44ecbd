import { readFileSync, readdirSync } from "node:fs";
import { describe, expect, it } from "vitest";

const root = new URL("../", import.meta.url);
const readme = readFileSync(new URL("README.md", root), "utf8");
const blocks = [...readme.matchAll(/```ts\n\/\/ (examples\/[\w-]+\.ts)\n([\s\S]*?)```/g)].map((m) => ({
  file: m[1] ?? "",
  code: m[2] ?? "",
}));

// The examples run against the client and the mock server in packages/integration-tests.
describe("README", () => {
  it("shows every example file, each exactly as it is type-checked", () => {
    const files = readdirSync(new URL("examples/", root)).filter((f) => f.endsWith(".ts")).map((f) => `examples/${f}`);
    expect(blocks.map((b) => b.file).sort()).toEqual(files.sort());
    for (const block of blocks) expect(block.code).toBe(readFileSync(new URL(block.file, root), "utf8"));
  });

  it("has no other TypeScript blocks that could drift", () => {
    expect(readme.match(/```ts\n/g)).toHaveLength(blocks.length);
  });
});
