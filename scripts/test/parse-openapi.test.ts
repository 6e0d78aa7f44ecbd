import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { parseOpenApi } from "../src/internal/parse-openapi.js";
import { sharedSpecDir } from "./helpers/temp-repo.js";

const historyDir = join(sharedSpecDir, "history");

/** What `yaml` makes of a document, as parseOpenApi has always read it. */
const byYaml = (text: string): unknown => parse(text, { maxAliasCount: 1000, prettyErrors: false, uniqueKeys: false });
const doc = (body: string): string => `openapi: 3.1.0\ninfo: {title: t, version: "1"}\npaths: {}\n${body}\n`;

describe("parseOpenApi reads every document as `yaml` does (YAML 1.2 core, duplicate keys: the last wins)", () => {
  it.each([
    { given: "dates, times and yes/no stay strings", body: "x-d: 2024-01-01\nx-t: 2024-01-01T00:00:00Z\nx-y: yes\nx-n: off" },
    { given: "null in each spelling", body: "x-a: ~\nx-b: null\nx-c: Null\nx-d:" },
    { given: "numbers of the core schema", body: "x-o: 0o17\nx-h: 0x1F\nx-e: 1e3\nx-p: +1\nx-f: 1.50\nx-i: .inf\nx-m: -.Inf\nx-n: .nan\nx-big: 12345678901234567890" },
    { given: "numbers YAML 1.1 had that 1.2 reads as strings or otherwise", body: "x-a: 0777\nx-b: 1_000\nx-c: 0b101\nx-d: 12:30\nx-e: +0x1F\nx-f: 0O17\nx-g: 0X1F\nx-h: 0xG" },
    { given: "signed zeros and bare fractions", body: "x-a: -0\nx-b: +0\nx-c: -.5\nx-d: .5\nx-e: 0.\nx-f: -0.0\nx-g: 1E3\nx-h: 1e+3\nx-i: -1.5e-3" },
    { given: "quoted scalars and escapes", body: "x-a: '42'\nx-b: \"tab\\there\\u00e9\"\nx-c: 'it''s'" },
    { given: "block scalars", body: "x-lit: |\n  line one\n  line two\nx-fold: >-\n  folded\n  text\nx-keep: |+\n  kept\n\n" },
    { given: "flow collections and numeric keys", body: "x-f: {a: [1, 2, {b: c}], 'd': e}\nresponses:\n  200: {description: ok}\n  '404': {description: gone}" },
    { given: "duplicate keys: the last wins", body: "x-dup: first\nx-dup: second\nx-map: {a: 1, a: 2}" },
    { given: "a merge key is a plain key under the core schema", body: "x-base: {a: 1}\nx-m:\n  <<: {b: 2}\n  c: 3" },
    { given: "explicit tags", body: "x-s: !!str 12\nx-i: !!int '7'\nx-b: !!bool true" },
    { given: "asterisks that are not aliases", body: "description: '**bold** and a * b, *not an alias*'\nx-md: |\n  * item\n  **strong**\nx-p: a*b" },
    { given: "an anchor and its aliases", body: "x-a: &shared {type: string}\nx-b: *shared\nx-c: [*shared, *shared]" },
    { given: "comments", body: "# comment\nx-a: 1 # trailing\nx-b: 'a # not a comment'" },
  ])("$given", ({ body }) => {
    const text = doc(body);
    expect(parseOpenApi(text, "t.yaml")).toEqual(byYaml(text));
  });

  it("reads JSON as `yaml` does", () => {
    const text = JSON.stringify({ openapi: "3.0.3", paths: { "/a": { get: { responses: { "200": { description: "é \u2028" } } } } }, "x-n": [1.5, -0, 1e21, null, true] });
    expect(parseOpenApi(text, "t.json")).toEqual(byYaml(text));
  });

  it("keeps `yaml`'s bound on alias expansion and its wording of a broken document", () => {
    const bomb = doc(["x-0: &a0 [x, x, x, x, x, x, x, x, x, x]", ...Array.from({ length: 8 }, (_, i) => `x-${i + 1}: &a${i + 1} [${Array(10).fill(`*a${i}`).join(", ")}]`)].join("\n"));
    expect(() => parseOpenApi(bomb, "bomb.yaml")).toThrow(/bomb\.yaml is not valid YAML or JSON: .*alias/i);
    expect(() => parseOpenApi("openapi: 3.1.0\npaths: {\n", "cut.yaml")).toThrow(/^cut\.yaml is not valid YAML or JSON: /);
    expect(() => parseOpenApi(doc("x: 1\n---\nx: 2"), "two.yaml")).toThrow(/^two\.yaml is not valid YAML or JSON: Source contains multiple documents/);
    expect(() => parseOpenApi("a: b: c", "bad.yaml")).toThrow(/^bad\.yaml is not valid YAML or JSON: Nested mappings are not allowed/);
  });

  it("reads real published versions exactly as `yaml` does (a sample across the history, and the newest)", async () => {
    const names = (await readdir(historyDir)).filter((n) => n.endsWith(".yaml")).sort();
    const sample = [...names.filter((_, i) => i % 19 === 0), names.at(-1) ?? ""];
    expect(sample.length).toBeGreaterThanOrEqual(7);
    for (const name of sample) {
      const text = await readFile(join(historyDir, name), "utf8");
      expect(parseOpenApi(text, name), name).toEqual(byYaml(text));
    }
  });
});
