/**
 * Build step (`pnpm generate`): compiles a validator for every JSON response the locked spec
 * declares (each operation × status, `default` included) with ajv's standalone code generation, and
 * bundles it with esbuild (ajv's runtime helpers and format checks inlined) into
 * src/generated/response-validators.ts. `@ultravox-api/client/validate` then runs no compiler and
 * depends on no ajv at run time.
 */
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { ensureLockedSpec, parseOpenApi } from "@ultravox-api/scripts";
import { Ajv } from "ajv";
import formatsModule from "ajv-formats";
import standaloneModule from "ajv/dist/standalone/index.js";
import { build } from "esbuild";
import { toJsonSchema } from "../src/json-schema/index.js";

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json => typeof value === "object" && value !== null && !Array.isArray(value);
const addFormats = formatsModule.default;
const standaloneCode = standaloneModule.default;

const here = (path: string): string => fileURLToPath(new URL(path, import.meta.url));
const out = here("../src/generated/response-validators.ts");
const METHODS = ["get", "put", "post", "patch", "delete", "head", "options", "trace"];
// OpenAPI formats that only document a number's width or a string's use: nothing to check.
const DOCUMENTARY_FORMATS = ["int32", "int64", "uint32", "float", "double", "enum", "binary", "byte", "password"];
const CHECKED_FORMATS = ["date-time", "date", "time", "uri", "uuid", "email", "ipv4"] as const;

const spec = await ensureLockedSpec();
const document = parseOpenApi(spec.text, spec.path);
const components = isObject(document["components"]) ? document["components"] : {};
const schemas = isObject(components["schemas"]) ? components["schemas"] : {};
const responses = isObject(components["responses"]) ? components["responses"] : {};

const ajv = new Ajv({ allErrors: true, strict: false, inlineRefs: false, validateSchema: false, code: { source: true, esm: true } });
addFormats(ajv, { mode: "full", formats: [...CHECKED_FORMATS] });
// ipv4-cidr: an address and a prefix length, as the API's IP allow-lists take them.
ajv.addFormat("ipv4-cidr", /^(?:(?:25[0-5]|2[0-4]\d|1?\d?\d)\.){3}(?:25[0-5]|2[0-4]\d|1?\d?\d)\/(?:3[0-2]|[12]?\d)$/);
for (const format of DOCUMENTARY_FORMATS) ajv.addFormat(format, true);
const definitions: Json = {};
for (const [name, schema] of Object.entries(schemas)) definitions[name] = toJsonSchema(schema, "response", "res#/definitions/");
ajv.addSchema({ $id: "res", definitions });

const byKey = new Map<string, string>();
const refs: Record<string, string> = {};
const routes: string[] = [];
let operations = 0;
for (const [template, item] of Object.entries(document.paths)) {
  if (!isObject(item)) continue;
  for (const method of METHODS) {
    const operation = item[method];
    if (!isObject(operation)) continue;
    const statuses: string[] = [];
    for (const [status, declared] of Object.entries(isObject(operation["responses"]) ? operation["responses"] : {})) {
      const response = resolveResponse(declared);
      const content = isObject(response?.["content"]) ? response["content"] : {};
      const mediaType = Object.keys(content).find((type) => /^application\/(?:[\w.+-]+\+)?json\b/i.test(type));
      const media = mediaType === undefined ? undefined : content[mediaType];
      if (!isObject(media) || media["schema"] === undefined) continue;
      const schema = toJsonSchema(media["schema"], "response", "res#/definitions/") as object;
      const key = JSON.stringify(schema);
      let name = byKey.get(key);
      if (name === undefined) {
        name = `v${byKey.size}`;
        byKey.set(key, name);
        ajv.addSchema(schema, name);
        refs[name] = name;
      }
      statuses.push(`${JSON.stringify(status)}: ${name}`);
    }
    if (statuses.length === 0) continue;
    operations++;
    const id = typeof operation["operationId"] === "string" ? operation["operationId"] : `${method} ${template}`;
    routes.push(`[${JSON.stringify(method.toUpperCase())}, ${JSON.stringify(template)}, ${JSON.stringify(id)}, { ${statuses.join(", ")} }]`);
  }
}

function resolveResponse(value: unknown): Json | undefined {
  if (!isObject(value)) return undefined;
  const ref = value["$ref"];
  if (typeof ref !== "string") return value;
  const target = responses[ref.replace(/^#\/components\/responses\//, "")];
  return isObject(target) ? target : undefined;
}

const source = `${standaloneCode(ajv, refs)}\nexport const routes = [\n${routes.join(",\n")}\n];\n`;
const bundle = await build({
  stdin: { contents: source, resolveDir: here(".."), sourcefile: "response-validators.js", loader: "js" },
  bundle: true,
  format: "esm",
  platform: "neutral",
  mainFields: ["module", "main"],
  minify: true,
  write: false,
  logLevel: "error",
});
const code = bundle.outputFiles[0]?.text ?? "";
// esbuild ends with one `export{…}`: keep only the routes, under a typed name.
const exported = /export\s*\{([^}]*)\}\s*;?\s*$/.exec(code);
const local = exported?.[1]?.split(",").map((item) => item.trim().split(/\s+as\s+/)).find((names) => (names[1] ?? names[0]) === "routes")?.[0];
if (exported === null || local === undefined) throw new Error("generate-validators: esbuild's output does not end with the routes export");
const info = isObject(document["info"]) ? document["info"] : {};
const specVersion = `version ${typeof info["version"] === "string" ? info["version"] : "?"}`;
const text = `// @ts-nocheck
/**
 * This file was generated by \`pnpm generate\` (tools/generate-validators.ts) from the locked spec
 * (${specVersion}, ${spec.text.slice(2, spec.text.indexOf("\n"))}):
 * ajv's compiled response validators as code, bundled. Do not edit it by hand.
 */
import type { GeneratedRoute } from "../validate/generated-route.js";

${code.slice(0, exported.index)}
/** [method, path template, operationId, { status | "default": validator }] for every operation with a JSON response. */
export const responseRoutes: readonly GeneratedRoute[] = ${local};
`;
// Leave the file (and its mtime) alone when nothing changed, so tsc and turbo stay warm.
if ((await readFile(out, "utf8").catch(() => undefined)) !== text) {
  await mkdir(dirname(out), { recursive: true });
  await writeFile(out, text);
}
console.log(`generate-validators: ${byKey.size} response schemas, ${operations} operations → ${out} (${Math.round(text.length / 1024)} KiB)`);
