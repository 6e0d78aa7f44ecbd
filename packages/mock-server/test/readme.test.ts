import { readFile } from "node:fs/promises";
import { describe, expect, it } from "vitest";
import { createTwice } from "../examples/behaviour.js";
import { createAndFetchWebhook } from "../examples/http-server.js";
import { listFutureCalls } from "../examples/in-process.js";
import { countAgentsThroughMsw } from "../examples/msw.js";

describe("README examples", () => {
  it("are the files in examples/, which the package type-checks", async () => {
    const readme = await readFile(new URL("../README.md", import.meta.url), "utf8");
    const blocks = [...readme.matchAll(/```ts\n([\s\S]*?)```/g)].map((match) => match[1]);
    for (const name of ["in-process.ts", "http-server.ts", "msw.ts", "behaviour.ts"]) {
      expect(blocks).toContain(await readFile(new URL(`../examples/${name}`, import.meta.url), "utf8"));
    }
    // The test-runner recipe is a test file of this package, run with the others.
    expect(blocks).toContain(await readFile(new URL("./recipe-vitest.test.ts", import.meta.url), "utf8"));
  });

  it("work as their comments say", async () => {
    expect(await listFutureCalls()).toBe(25);
    expect(await createAndFetchWebhook()).toBe("https://hooks.example.com/ultravox");
    expect(await countAgentsThroughMsw()).toBe(1);
    expect(await createTwice()).toEqual([201, 400]);
  });
});
