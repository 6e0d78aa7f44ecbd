import { readFile } from "node:fs/promises";
import { describe, expect, it } from "vitest";

const root = new URL("../", import.meta.url);

describe("README examples", () => {
  it("embeds every examples/*.ts file verbatim (they are type-checked and linted there)", async () => {
    const readme = await readFile(new URL("README.md", root), "utf8");
    const blocks = [...readme.matchAll(/<!-- example: (examples\/[\w-]+\.ts) -->\n```ts\n([\s\S]*?)```/g)];
    expect(blocks.map((match) => match[1])).toEqual([
      "examples/create-client.ts",
      "examples/list-scheduled-calls.ts",
      "examples/create-scheduled-batch.ts",
      "examples/handle-errors.ts",
      "examples/retries-and-timeouts.ts",
      "examples/filter-by-metadata.ts",
      "examples/connection-errors.ts",
      "examples/errors-from-results.ts",
      "examples/browser-demo.ts",
    ]);
    for (const [, file = "", code] of blocks) {
      expect(code, file).toBe(await readFile(new URL(file, root), "utf8"));
    }
  });
});
