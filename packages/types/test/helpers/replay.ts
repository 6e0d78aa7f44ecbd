import { cp, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { buildSpec, generateTypesFromDocument, loadOverlays, repoPaths } from "@ultravox-api/scripts";
import ts from "typescript";
import { renderResponseTypes } from "../../tools/response-types.js";

export const historyDir = resolve(fileURLToPath(new URL("../../../../../shared/ultravox-spec/history", import.meta.url)));
const srcDir = fileURLToPath(new URL("../../src", import.meta.url));
// Inside this package's node_modules, so that `vitest` (for expectTypeOf) resolves from the versions' files.
const cacheDir = fileURLToPath(new URL("../../node_modules/.cache", import.meta.url));

/** Every published version's file name, oldest first. */
export async function listHistory(): Promise<string[]> {
  return (await readdir(historyDir)).filter((n) => n.endsWith(".yaml")).sort();
}

// Instantiates every alias over every schema and operation, so a version that breaks an alias fails
// tsc; and fails tsc, naming them, when a named property of a component schema has the type `never`
// (`null & X` and other impossible intersections collapse to it; `Record<string, never>`, an empty
// object's rendering, has no named property and passes); and fails when ResponseTypes misses an
// operation or lists one the path does not have (openapi-fetch's PathsWithMethod).
export const USAGE = `import type { OperationId, PaginatedItem, PaginatedPath, RequestBodyOf, ResponseOf, ResponseTypes, Schema, SchemaName, $Read, $Write, components, paths } from "./src/index.js";
export type AllSchemas = { [N in SchemaName]: Schema<N> };
export type AllResponses = { [Op in OperationId]: ResponseOf<Op> };
export type AllBodies = { [Op in OperationId]: RequestBodyOf<Op> };
export type AllItems = { [P in PaginatedPath]: PaginatedItem<P> };
export declare const schemas: AllSchemas;
export declare const responses: AllResponses;
export declare const bodies: AllBodies;
export declare const items: AllItems;
export const paginated: PaginatedPath[] = [];
type Unmarked<T> = T extends $Read<infer U> ? U : T extends $Write<infer U> ? U : T;
type NeverMap<T> = { [K in keyof T as string extends K ? never : K]-?: [Unmarked<Exclude<T[K], undefined>>] extends [never] ? K : never };
type NeverKeys<T> = T extends readonly unknown[] ? never : T extends object ? NeverMap<T>[keyof NeverMap<T>] : never;
type Collapsed = { [N in SchemaName]: \`\${N}.\${NeverKeys<components["schemas"][N]> & string}\` }[SchemaName];
export const collapsedToNever: [Collapsed] extends [never] ? "none" : Collapsed = "none";
type Malformed = { [M in keyof ResponseTypes]: { [P in keyof ResponseTypes[M]]: ResponseTypes[M][P] extends { data: unknown; error: unknown } ? never : \`\${M} \${P & string}\` }[keyof ResponseTypes[M]] }[keyof ResponseTypes];
export const malformedAnswers: [Malformed] extends [never] ? "none" : Malformed = "none";
type PathsWith<M extends keyof ResponseTypes> = { [P in keyof paths]: paths[P] extends { [K in M]: any } ? P : never }[keyof paths];
type Unanswered = { [M in keyof ResponseTypes]: Exclude<PathsWith<M>, keyof ResponseTypes[M]> | Exclude<keyof ResponseTypes[M], PathsWith<M>> }[keyof ResponseTypes];
export const unanswered: [Unanswered] extends [never] ? "none" : Unanswered = "none";
`;

/**
 * Type tests on the fields the 3.2.0 snapshots' \`type: "null"\` beside \`allOf\` once turned into
 * \`never\`: each must keep its type and accept null.
 */
export const FIELDS_32 = `import { expectTypeOf } from "vitest";
import type { RequestBodyOf, Schema } from "./src/index.js";
declare const agent: Schema<"Agent">;
expectTypeOf(agent.callTemplate?.systemPrompt).toEqualTypeOf<string | undefined>();
expectTypeOf(agent.callTemplate).toEqualTypeOf<Schema<"ultravox.v1.CallTemplate"> | null | undefined>();
declare const call: Schema<"Call">;
expectTypeOf(call.medium).toEqualTypeOf<Schema<"ultravox.v1.CallMedium"> | null | undefined>();
expectTypeOf(call.medium).not.toBeNever();
type TelephonyPatch = NonNullable<RequestBodyOf<"accounts_me_telephony_config_partial_update">>;
expectTypeOf({ twilio: { accountSid: "AC00", authToken: "secret", callCreationAllowAllAgents: false } }).toExtend<TelephonyPatch>();
expectTypeOf({ twilio: null }).toExtend<TelephonyPatch>();
expectTypeOf({ twilio: { accountSid: "AC00" } }).not.toExtend<TelephonyPatch>();
`;

export interface GeneratedVersion {
  readonly version: string;
  readonly dir: string;
  readonly openapi: string;
  readonly operations: number;
  readonly code: string;
}

/**
 * The replay's stand-in for tools/generate-schema-names.ts: the same `SchemaTypes` map, unnamed.
 * Naming each schema takes two compiler programs per version (which schemas can be interfaces), too
 * slow for 114 versions; the locked spec's named interfaces are checked by the package's own type tests.
 */
const SCHEMAS_MODULE = `import type { Readable, components } from "./openapi.js";
export type SchemaTypes = { [Name in keyof components["schemas"]]: Readable<components["schemas"][Name]> };
`;

export async function makeWorkDir(): Promise<string> {
  await mkdir(cacheDir, { recursive: true });
  return mkdtemp(join(cacheDir, "uvx-replay-"));
}

export async function removeWorkDir(dir: string): Promise<void> {
  await rm(dir, { recursive: true, force: true, maxRetries: 3 });
}

/**
 * Builds each version as spec:pull would (overlays applied, validated strictly), generates its types
 * as `pnpm generate` would, and lays it out under `work/<dir>` with the package's index.ts, the
 * usage file and, for 3.2.x versions, the field type tests. Failures are collected, not thrown.
 */
export async function generateVersions(work: string, versions: readonly string[]): Promise<{ generated: GeneratedVersion[]; failures: string[] }> {
  const overlays = await loadOverlays(repoPaths().overlays);
  const generated: GeneratedVersion[] = [];
  const failures: string[] = [];
  for (const version of versions) {
    const dir = version.replace(/\.yaml$/, "");
    try {
      const built = await buildSpec(await readFile(join(historyDir, version)), version, overlays);
      const code = await generateTypesFromDocument(built.doc, built.sourceSha256);
      await mkdir(join(work, dir, "src", "generated"), { recursive: true });
      await cp(join(srcDir, "index.ts"), join(work, dir, "src", "index.ts"));
      await writeFile(join(work, dir, "src", "generated", "openapi.ts"), code);
      await writeFile(join(work, dir, "src", "generated", "schemas.ts"), SCHEMAS_MODULE);
      await writeFile(join(work, dir, "src", "generated", "responses.ts"), renderResponseTypes(ts.createSourceFile("openapi.ts", code, ts.ScriptTarget.ES2022, true)));
      await writeFile(join(work, dir, "use.ts"), USAGE);
      if (built.upstream.openapi.startsWith("3.2")) await writeFile(join(work, dir, "fields.ts"), FIELDS_32);
      generated.push({ version, dir, openapi: built.upstream.openapi, operations: built.counts.operations, code });
    } catch (error) {
      failures.push(`${version}: ${String(error)}`);
    }
  }
  return { generated, failures };
}

/** Lines of generated code that intersect with `null` (which makes the type `never`). */
export function nullIntersections(code: string): string[] {
  return code.split("\n").filter((line) => /\bnull &|& null\b/.test(line)).map((line) => line.trim());
}
