import { readdir, readFile } from "node:fs/promises";
import ts from "typescript";
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

  it("every ts block is a file of examples/ or test/, so the package's typecheck (tsconfig includes both) checks it", async () => {
    const readme = await readFile(new URL("../README.md", import.meta.url), "utf8");
    const blocks = [...readme.matchAll(/```ts\n([\s\S]*?)```/g)].map((match) => match[1]);
    const files: string[] = [];
    for (const dir of ["../examples/", "./"]) {
      for (const name of await readdir(new URL(dir, import.meta.url))) {
        if (name.endsWith(".ts")) files.push(await readFile(new URL(dir + name, import.meta.url), "utf8"));
      }
    }
    expect(blocks.length).toBeGreaterThan(0);
    expect(blocks.filter((block) => !files.includes(block ?? ""))).toEqual([]);
  });

  it("the options table names every option of MockOptions and MockServerOptions", async () => {
    const readme = await readFile(new URL("../README.md", import.meta.url), "utf8");
    const table = /## Options[^\n]*\n\n([\s\S]*?)\n\n/.exec(readme)?.[1] ?? "";
    const named = new Set([...table.matchAll(/^\| ([^|]+) \|/gm)].flatMap((row) => [...(row[1] ?? "").matchAll(/`(\w+)`/g)].map((m) => m[1])));
    const options: string[] = [];
    for (const [file, name] of [["../src/mock-options.ts", "MockOptions"], ["../src/start-mock-server.ts", "MockServerOptions"]] as const) {
      const text = await readFile(new URL(file, import.meta.url), "utf8");
      const source = ts.createSourceFile(file, text, ts.ScriptTarget.ES2022, true);
      const declaration = source.statements.find((s): s is ts.InterfaceDeclaration => ts.isInterfaceDeclaration(s) && s.name.text === name);
      expect(declaration, name).toBeDefined();
      for (const member of declaration?.members ?? []) if (member.name !== undefined) options.push(member.name.getText(source));
    }
    expect(options.length).toBeGreaterThan(15);
    expect(options.filter((option) => !named.has(option))).toEqual([]);
  });

  it("work as their comments say", async () => {
    expect(await listFutureCalls()).toBe(25);
    expect(await createAndFetchWebhook()).toBe("https://hooks.example.com/ultravox");
    expect(await countAgentsThroughMsw()).toBe(1);
    expect(await createTwice()).toEqual([201, 400]);
  });
});
