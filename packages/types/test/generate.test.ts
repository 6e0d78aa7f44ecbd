import { cp, mkdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { ensureLockedSpec, generateTypes, GENERATED_HEADER } from "@ultravox-api/scripts";
import { makeWorkDir, nullIntersections, removeWorkDir, USAGE } from "./helpers/replay.js";
import { typecheck } from "./helpers/tsc.js";

/** A one-schema spec around the given schema, in the given OpenAPI version. */
function specWith(schema: string, openapi = "3.0.3"): string {
  return `openapi: ${openapi}
info: {title: t, version: '1'}
paths: {}
components:
  schemas:
    Thing:
${schema.replace(/^/gm, "      ")}
`;
}

describe("generateTypes on small specs", () => {
  const table: { name: string; given: string; openapi?: string; want: string[] }[] = [
    {
      name: "readOnly and writeOnly become $Read/$Write markers",
      given: "type: object\nrequired: [id]\nproperties:\n  id: {type: string, readOnly: true}\n  secret: {type: string, writeOnly: true}",
      want: ["id: $Read<string>;", "secret?: $Write<string>;"],
    },
    {
      name: "3.0 nullable is `| null`",
      given: "type: object\nproperties:\n  callId: {type: string, nullable: true}",
      want: ["callId?: string | null;"],
    },
    {
      name: "3.2 type arrays give the same nullability (generated as 3.1)",
      openapi: "'3.2.0'",
      given: "type: object\nproperties:\n  callId: {type: [string, 'null']}",
      want: ["callId?: string | null;"],
    },
    {
      name: "enums are literal unions",
      given: "type: string\nenum: [FUTURE, PENDING, SUCCESS, EXPIRED, ERROR]",
      want: ['Thing: "FUTURE" | "PENDING" | "SUCCESS" | "EXPIRED" | "ERROR";'],
    },
    {
      name: "nullable without type (as upstream writes it) stays nullable",
      given: "type: object\nproperties:\n  medium:\n    allOf: [{type: object}]\n    nullable: true",
      want: ["medium?: Record<string, never> | null;"],
    },
  ];

  it.each(table)("$name", async ({ given, openapi, want }) => {
    const code = await generateTypes(specWith(given, openapi));
    expect(code.startsWith(GENERATED_HEADER)).toBe(true);
    for (const line of want) expect(code).toContain(line);
  });
});

describe("generateTypes on the locked spec", () => {
  it("is byte-identical run after run, and equals what the build generated", async () => {
    const { text } = await ensureLockedSpec();
    const [a, b] = await Promise.all([generateTypes(text), generateTypes(text)]);
    expect(a).toBe(b);
    const built = await readFile(new URL("../src/generated/openapi.ts", import.meta.url), "utf8");
    expect(built).toBe(a);
  });
});

describe("the replay's checks can fail", () => {
  it("the usage file names a component property whose type collapsed to never", async () => {
    const work = await makeWorkDir();
    try {
      await mkdir(join(work, "v", "src", "generated"), { recursive: true });
      await cp(fileURLToPath(new URL("../src/index.ts", import.meta.url)), join(work, "v", "src", "index.ts"));
      const spec = specWith("type: object\nproperties:\n  callTemplate:\n    allOf: [{$ref: '#/components/schemas/Other'}]\n    nullable: true")
        .concat("    Other:\n      type: object\n      properties:\n        a: {type: string}\n");
      const code = await generateTypes(spec);
      // What openapi-typescript made of `type: "null"` beside `allOf` before normalisation.
      const broken = code.replace(/callTemplate\?: [^;]+;/, 'callTemplate?: null & components["schemas"]["Other"];');
      expect(nullIntersections(broken)).toEqual(['callTemplate?: null & components["schemas"]["Other"];']);
      await writeFile(join(work, "v", "src", "generated", "openapi.ts"), broken);
      await writeFile(join(work, "v", "use.ts"), USAGE);
      expect(await typecheck(work, ["v/use.ts"])).toMatch(/"Thing\.callTemplate"/);
    } finally {
      await removeWorkDir(work);
    }
  });
});
