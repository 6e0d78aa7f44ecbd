import { spawn } from "node:child_process";
import { mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { createMockHandler } from "@ultravox-api/mock-server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { loadSpecFile } from "../src/adapters/load-spec-file.js";
import { field, results, send } from "./helpers/api.js";

/** A tiny spec: one collection, one item path, a nullable field without a type. */
const tiny = {
  openapi: "3.0.3",
  info: { title: "tiny", version: "1" },
  paths: {
    "/things": {
      get: {
        operationId: "things_list",
        parameters: [{ name: "cursor", in: "query", schema: { type: "string" } }],
        responses: {
          "200": {
            description: "",
            content: {
              "application/json": {
                schema: {
                  type: "object",
                  properties: { results: { type: "array", items: { $ref: "#/components/schemas/Thing" } }, next: { type: "string", nullable: true }, previous: { type: "string", nullable: true } },
                },
              },
            },
          },
        },
      },
      post: {
        operationId: "things_create",
        requestBody: { required: true, content: { "application/json": { schema: { $ref: "#/components/schemas/Thing" } } } },
        responses: { "201": { description: "", content: { "application/json": { schema: { $ref: "#/components/schemas/Thing" } } } } },
      },
    },
    "/things/{thing_id}": {
      get: {
        operationId: "things_retrieve",
        parameters: [{ name: "thing_id", in: "path", required: true, schema: { type: "string", format: "uuid" } }],
        responses: { "200": { description: "", content: { "application/json": { schema: { $ref: "#/components/schemas/Thing" } } } } },
      },
    },
  },
  components: {
    schemas: {
      Thing: {
        type: "object",
        required: ["thingId", "label"],
        properties: {
          thingId: { type: "string", format: "uuid", readOnly: true },
          label: { type: "string", maxLength: 10 },
          extra: { nullable: true, allOf: [{ $ref: "#/components/schemas/Extra" }] },
        },
      },
      Extra: { type: "object", required: ["n"], properties: { n: { type: "integer" } } },
    },
  },
};

describe("another spec", () => {
  it("is compiled and served with the same behaviour", async () => {
    const mock = createMockHandler({ spec: tiny, apiKeys: ["k"] });
    expect(mock.operationCount).toBe(3);
    const created = await send(mock.fetch, "POST", "/things", { key: "k", body: { label: "one", extra: null } });
    expect(created.status).toBe(201);
    const id = field(created.json, "thingId");
    expect((await send(mock.fetch, "GET", `/things/${id}`, { key: "k" })).json).toEqual(created.json);
    expect(results((await send(mock.fetch, "GET", "/things", { key: "k" })).json)).toHaveLength(1);
    const bad = await send(mock.fetch, "POST", "/things", { key: "k", body: { label: "far too long", extra: { n: "x" } } });
    expect(bad.json).toEqual({ label: ["Ensure this field has no more than 10 characters."], extra: { n: ["A valid integer is required."] } });
  });

  it("rejects something that is not an OpenAPI document", () => {
    expect(() => createMockHandler({ spec: { openapi: "3.0.3" } })).toThrow(/paths/);
  });

  it("every published Ultravox spec version compiles and answers each parameterless GET without a 5xx", async () => {
    // ../shared beside the repository, as in CI (never an absolute path of one machine).
    const dir = fileURLToPath(new URL("../../../../shared/ultravox-spec/history", import.meta.url));
    const files = (await readdir(dir)).filter((name) => name.endsWith(".yaml"));
    expect(files.length).toBeGreaterThan(100);
    const failures: string[] = [];
    for (const name of files) {
      try {
        // js-yaml through loadSpecFile, as `--spec` reads a file (a test below holds it to `yaml`'s reading).
        const spec = await loadSpecFile(join(dir, name));
        const mock = createMockHandler({ spec });
        const paths = Object.entries(spec["paths"] as Record<string, Record<string, unknown>>);
        const gets = paths.filter(([path, item]) => !path.includes("{") && "get" in item).map(([path]) => path);
        expect(gets).toContain("/api/calls");
        for (const path of gets) {
          const answer = await send(mock.fetch, "GET", path, { key: mock.apiKey });
          const creatable = paths.some(([other, item]) => other === path && "post" in item);
          const ok = answer.status < 400 || (answer.status === 404 && creatable);
          if (!ok) failures.push(`${name} ${path}: ${answer.status} ${answer.text.slice(0, 100)}`);
        }
      } catch (error) {
        failures.push(`${name}: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
    expect(failures).toEqual([]);
  }, 120_000);
});

describe("CLI --spec", () => {
  let dir = "";
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "ultravox-mock-"));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it("serves a JSON spec file", async () => {
    const file = join(dir, "tiny.json");
    await writeFile(file, JSON.stringify(tiny));
    const cli = fileURLToPath(new URL("../dist/adapters/cli.js", import.meta.url));
    const child = spawn(process.execPath, [cli, "--port", "0", "--spec", file, "--api-key", "k"]);
    const line = await new Promise<string>((resolve, reject) => {
      child.stdout.on("data", (chunk: Buffer) => {
        resolve(chunk.toString());
      });
      child.on("close", () => {
        reject(new Error("exited early"));
      });
    });
    expect(line).toContain("(3 operations)");
    const url = /(http:\/\/\S+)/.exec(line)?.[1] ?? "";
    expect((await send(fetch, "POST", "/things", { key: "k", base: url, body: { label: "x" } })).status).toBe(201);
    const exited = new Promise((resolve) => child.on("exit", resolve));
    child.kill("SIGINT");
    expect(await exited).toBe(0);
  });
});

describe("loadSpecFile (--spec)", () => {
  it("reads the locked spec exactly as the `yaml` package does", async () => {
    const file = fileURLToPath(new URL("../../../spec/openapi.yaml", import.meta.url));
    const independent: unknown = parse(await readFile(file, "utf8"), { maxAliasCount: 10_000 });
    expect(await loadSpecFile(file)).toEqual(independent);
  });

  // YAML 1.2 core scalars: an OpenAPI document's dates, versions and yes/no must stay strings.
  it.each([
    { yaml: "2024-01-01", want: "2024-01-01" },
    { yaml: "2024-01-01T00:00:00Z", want: "2024-01-01T00:00:00Z" },
    { yaml: "yes", want: "yes" },
    { yaml: "off", want: "off" },
    { yaml: "3.1.0", want: "3.1.0" },
    { yaml: "'42'", want: "42" },
    { yaml: "42", want: 42 },
    { yaml: "1.5", want: 1.5 },
    { yaml: "true", want: true },
    { yaml: "~", want: null },
    { yaml: "null", want: null },
    // YAML 1.1 numbers that YAML 1.2 reads as strings, and 1.2 numbers js-yaml's own schema misses.
    { yaml: "1_000", want: "1_000" },
    { yaml: "0b101", want: "0b101" },
    { yaml: "+0x1F", want: "+0x1F" },
    { yaml: "0x1F", want: 31 },
    { yaml: "0o17", want: 15 },
    { yaml: "-.5", want: -0.5 },
    { yaml: "+12e3", want: 12000 },
    { yaml: "-.inf", want: -Infinity },
    { yaml: ".NaN", want: Number.NaN },
    { yaml: "1:30", want: "1:30" },
  ])("example: $yaml → $want", async ({ yaml, want }) => {
    const dir = await mkdtemp(join(tmpdir(), "ultravox-spec-"));
    try {
      const file = join(dir, "spec.yaml");
      await writeFile(file, `openapi: 3.1.0\npaths: {}\nexample: ${yaml}\n`);
      const document = await loadSpecFile(file);
      expect(document["example"]).toEqual(want);
      expect(document["example"]).toEqual((parse(`v: ${yaml}`) as { v: unknown }).v);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it("says which file is not an OpenAPI document, or where its YAML breaks", async () => {
    const dir = await mkdtemp(join(tmpdir(), "ultravox-spec-"));
    try {
      const notSpec = join(dir, "list.yaml");
      await writeFile(notSpec, "- a\n- b\n");
      await expect(loadSpecFile(notSpec)).rejects.toThrow(`${notSpec} is not an OpenAPI document (no paths)`);
      const broken = join(dir, "broken.yaml");
      await writeFile(broken, "openapi: 3.1.0\npaths:\n  /x: [unclosed\n");
      await expect(loadSpecFile(broken)).rejects.toThrow(`${broken}:4:1: unexpected end of the stream within a flow collection`);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
