import { readFile } from "node:fs/promises";
import { expect, it } from "vitest";

it("the README's example is examples/types-basics.ts, which the package type-checks", async () => {
  const readme = await readFile(new URL("../README.md", import.meta.url), "utf8");
  const example = await readFile(new URL("../examples/types-basics.ts", import.meta.url), "utf8");
  const blocks = [...readme.matchAll(/```ts\n([\s\S]*?)```/g)].map((m) => m[1]);
  expect(blocks).toContain(example);
});
