import { asArray, isObject, type JsonObject } from "../internal/json.js";
import type { Prng } from "../internal/prng.js";
import { resolveRef } from "../spec/json-schema.js";

export interface SampleContext {
  readonly schemas: JsonObject;
  readonly rng: Prng;
  /** Milliseconds since the epoch, from the mock's clock. */
  readonly now: number;
}

const DURATION = /s\$$/;
/** Beyond this depth only required properties are filled, so recursive schemas end. */
const MAX_DEPTH = 4;

/**
 * A value a response may carry for an OpenAPI schema: formats honoured (uuid, date-time, uri,
 * durations like "30s"), enums picked by the seeded generator, writeOnly properties left out.
 */
export function sampleValue(schema: unknown, context: SampleContext, depth = 0, name = "value"): unknown {
  const resolved = resolveRef(schema, context.schemas);
  if (resolved === undefined) return null;
  const allOf = asArray(resolved["allOf"]);
  if (allOf.length > 0) {
    const parts = allOf.map((part) => sampleValue(part, context, depth, name));
    const objects = parts.filter(isObject);
    if (objects.length === parts.length && resolved["properties"] !== undefined) {
      objects.push(sampleObject(resolved, context, depth));
    }
    return objects.length === parts.length ? Object.assign({}, ...objects) : parts[0];
  }
  const branches = [...asArray(resolved["oneOf"]), ...asArray(resolved["anyOf"])];
  if (branches.length > 0) {
    const concrete = branches.find((branch) => !isNullOnly(resolveRef(branch, context.schemas)));
    return concrete === undefined ? null : sampleValue(concrete, context, depth, name);
  }
  const choices = asArray(resolved["enum"]).filter((choice) => choice !== null);
  if (Array.isArray(resolved["enum"])) return choices.length === 0 ? null : context.rng.pick(choices);
  switch (resolved["type"]) {
    case "string":
      return sampleString(resolved, context, name);
    case "integer":
      return sampleNumber(resolved, context, true);
    case "number":
      return sampleNumber(resolved, context, false);
    case "boolean":
      return context.rng.int(0, 1) === 1;
    case "array":
      return sampleArray(resolved, context, depth, name);
    case "object":
      return sampleObject(resolved, context, depth);
    default:
      if (resolved["properties"] !== undefined) return sampleObject(resolved, context, depth);
      return resolved["nullable"] === true ? null : {};
  }
}

function isNullOnly(schema: JsonObject | undefined): boolean {
  const choices = schema === undefined ? [] : asArray(schema["enum"]);
  return choices.length > 0 && choices.every((choice) => choice === null);
}

function sampleObject(schema: JsonObject, context: SampleContext, depth: number): JsonObject {
  const out: JsonObject = {};
  const required = new Set(asArray(schema["required"]));
  const properties = isObject(schema["properties"]) ? schema["properties"] : {};
  for (const [key, property] of Object.entries(properties)) {
    if (isObject(property) && property["writeOnly"] === true) continue;
    if (!required.has(key) && depth >= MAX_DEPTH) continue;
    out[key] = sampleValue(property, context, depth + 1, key);
  }
  return out;
}

function sampleArray(schema: JsonObject, context: SampleContext, depth: number, name: string): unknown[] {
  const min = typeof schema["minItems"] === "number" ? schema["minItems"] : 0;
  const max = typeof schema["maxItems"] === "number" ? schema["maxItems"] : 2;
  const count = Math.min(max, Math.max(min, depth >= MAX_DEPTH ? 0 : 1));
  const items: unknown[] = [];
  for (let i = 0; i < count; i++) items.push(sampleValue(schema["items"], context, depth + 1, name));
  return items;
}

function sampleNumber(schema: JsonObject, context: SampleContext, integer: boolean): number {
  const min = typeof schema["minimum"] === "number" ? schema["minimum"] : 0;
  const max = typeof schema["maximum"] === "number" ? schema["maximum"] : Math.max(min, 100);
  const low = Math.ceil(min);
  const high = Math.max(low, Math.floor(max));
  if (integer) return context.rng.int(low, high);
  return Math.min(max, Math.max(min, context.rng.int(low * 100, high * 100) / 100));
}

function sampleString(schema: JsonObject, context: SampleContext, name: string): string {
  const { rng } = context;
  const pattern = typeof schema["pattern"] === "string" ? schema["pattern"] : "";
  if (DURATION.test(pattern)) return `${rng.int(1, 120)}s`;
  // Undeclared formats by name: joinUrl and friends hold URLs in this API.
  const format = schema["format"] ?? (/(?:Url|Uri|^url|^uri)$/.test(name) ? "uri" : undefined);
  const text = formatted(format, context) ?? `${name}-${rng.alnum(8)}`;
  const minLength = typeof schema["minLength"] === "number" ? schema["minLength"] : 0;
  const maxLength = typeof schema["maxLength"] === "number" ? schema["maxLength"] : Infinity;
  return text.padEnd(minLength, "x").slice(0, maxLength);
}

function formatted(format: unknown, context: SampleContext): string | undefined {
  const { rng } = context;
  const iso = new Date(context.now).toISOString();
  switch (format) {
    case "uuid":
      return rng.uuid();
    case "date-time":
      return iso;
    case "date":
      return iso.slice(0, 10);
    case "time":
      return `${iso.slice(11, 19)}Z`;
    case "uri":
      return `https://example.com/${rng.alnum(10)}`;
    case "email":
      return `user-${rng.alnum(6).toLowerCase()}@example.com`;
    case "ipv4-cidr":
      return `10.${rng.int(0, 255)}.0.0/16`;
    case "binary":
      return "";
    default:
      return undefined;
  }
}
