import { asArray, camelCase, isObject, type JsonObject } from "../internal/json.js";

/** `corpusId` → `corpus_id`: the path parameter a parent id field stands for. */
function snakeCase(name: string): string {
  return name.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`);
}
import type { CompiledSpec } from "../spec/compile-spec.js";
import { objectProperties, requiredOf, resolveRef } from "../spec/json-schema.js";
import type { TenantStore } from "../state/tenant-store.js";
import { sampleValue } from "./sample-value.js";

/**
 * Makes the values the mock answers with, from the spec's schemas and a tenant's seeded
 * generator: samples (with the ids of the parents on the path filled in), new resources as a
 * create makes them, and merges of request fields that keep the answer valid.
 */
export class ValueGenerator {
  readonly #spec: CompiledSpec;
  readonly #now: () => number;

  constructor(spec: CompiledSpec, now: () => number) {
    this.#spec = spec;
    this.#now = now;
  }

  /** A sample of `schema`, with the path's parent ids in the properties named after them (a stage's callId). */
  generate(store: TenantStore, schema: unknown, params: Readonly<Record<string, string>> = {}): unknown {
    const sampled = sampleValue(schema, { schemas: this.#spec.schemas, rng: store.rng, now: this.#now() });
    if (!isObject(sampled)) return sampled;
    const properties = objectProperties(schema, this.#spec.schemas);
    for (const [name, id] of Object.entries(params)) {
      const field = camelCase(name);
      if (properties.has(field)) sampled[field] = id;
    }
    return sampled;
  }

  /** A sample of an object schema (an empty object where the schema is not one). */
  generateObject(store: TenantStore, schema: unknown, params: Readonly<Record<string, string>> = {}): JsonObject {
    const value = this.generate(store, schema, params);
    return isObject(value) ? value : {};
  }

  /** A generated resource of `schema` with `values` copied in as they are (the server's own, readOnly fields too). */
  resource(store: TenantStore, schema: unknown, values: JsonObject, params: Readonly<Record<string, string>> = {}): JsonObject {
    return this.merge(schema, this.generateObject(store, schema, params), values, true);
  }

  /**
   * A new resource before the request's fields are copied in: readOnly fields generated, writable
   * fields the request left out at their default (null when nullable, absent when optional).
   */
  fresh(store: TenantStore, schema: unknown, params: Readonly<Record<string, string>>, body: JsonObject, server: ReadonlySet<string> = this.serverFields(schema, undefined, params)): JsonObject {
    const value = this.generateObject(store, schema, params);
    const required = requiredOf(schema, this.#spec.schemas);
    const properties = objectProperties(schema, this.#spec.schemas);
    for (const [name, property] of properties) {
      if (server.has(name)) {
        // The path's parent ids and the new id stay as generated; the rest starts empty.
        if (Object.prototype.hasOwnProperty.call(params, snakeCase(name)) || name === this.#idOf(name, server)) continue;
        const initial = this.#initialReadOnly(value[name], property);
        if (initial !== KEEP) value[name] = initial;
        continue;
      }
      if (Object.prototype.hasOwnProperty.call(body, name)) continue;
      if (property["default"] !== undefined) value[name] = property["default"];
      else if (property["nullable"] === true) value[name] = null;
      // A model's boolean is stored false unless set (DRF renders the model default).
      else if (property["type"] === "boolean") value[name] = false;
      else if (!required.has(name)) Reflect.deleteProperty(value, name);
    }
    return value;
  }

  /**
   * The fields of a resource the server sets, never taken from a request: those marked readOnly.
   * Schemas converted from protobuf (ultravox.v1.*) mark none, so there they are told by role:
   * the collection's id field (`idField`), the ids of the parents on the path, `created`, and
   * statistics (objects of counts).
   */
  serverFields(schema: unknown, idField: string | undefined, params: Readonly<Record<string, string>> = {}): ReadonlySet<string> {
    const properties = objectProperties(schema, this.#spec.schemas);
    const marked = [...properties].filter(([, property]) => property["readOnly"] === true).map(([name]) => name);
    if (marked.length > 0) return new Set(marked);
    const server = new Set<string>();
    if (idField !== undefined && properties.has(idField)) server.add(idField);
    for (const name of Object.keys(params)) if (properties.has(camelCase(name))) server.add(camelCase(name));
    if (properties.has("created")) server.add("created");
    for (const [name, property] of properties) if (this.#isCounts(property)) server.add(name);
    return server;
  }

  /** An object made of integer counts only (a corpus's stats). */
  #isCounts(property: JsonObject): boolean {
    const schemas = this.#spec.schemas;
    const resolved = resolveRef(property["allOf"] === undefined ? property : asArray(property["allOf"])[0], schemas);
    if (resolved === undefined) return false;
    const inner = [...objectProperties(resolved, schemas).values()].map((p) => resolveRef(p, schemas)?.["type"]);
    return inner.includes("integer") && inner.every((type) => type === "integer" || type === "string");
  }

  #idOf(name: string, server: ReadonlySet<string>): string | undefined {
    return server.has(name) && /Id$/.test(name) ? name : undefined;
  }

  /**
   * Copies the writable fields of `input` onto `base` (readOnly ones too when `trusted`); a field
   * the response schema would reject (a request shape wider than the response's) keeps its
   * previous value, so answers stay valid. Returns a new object.
   */
  merge(schema: unknown, base: JsonObject, input: JsonObject, trusted = false, server?: ReadonlySet<string>): JsonObject {
    const properties = objectProperties(schema, this.#spec.schemas);
    const merged: JsonObject = { ...base };
    for (const key of Object.keys(input)) {
      const property = properties.get(key);
      if (property === undefined || property["writeOnly"] === true) continue;
      if (!trusted && (property["readOnly"] === true || server?.has(key) === true)) continue;
      merged[key] = input[key];
    }
    // Generated values are valid by construction (the every-operation test checks it); only
    // copied-in values can break the response schema.
    if (schema === undefined || Object.keys(input).length === 0) return merged;
    const validate = this.#spec.validateResponse(schema);
    // Through a plain boolean: ajv's type guard would narrow `merged` to never below.
    const check = (data: unknown): boolean => validate(data);
    if (check(merged)) return merged;
    for (const error of validate.errors ?? []) {
      const missing = (error.params as Record<string, unknown>)["missingProperty"];
      const key = error.instancePath === "" && typeof missing === "string" ? missing : error.instancePath.split("/")[1];
      if (key === undefined) continue;
      if (Object.prototype.hasOwnProperty.call(base, key)) merged[key] = base[key];
      else Reflect.deleteProperty(merged, key);
    }
    return merged;
  }

  /**
   * A server-set field of something that just came to be: counts start at 0 (also inside a
   * statistics object), lists empty, and what has not happened yet (joined, ended, endedAt, an
   * end reason) is null. KEEP: the generated value stays.
   */
  #initialReadOnly(current: unknown, property: JsonObject): unknown {
    const schemas = this.#spec.schemas;
    const resolved = resolveRef(property["allOf"] === undefined ? property : asArray(property["allOf"])[0], schemas);
    const nullBranch = [...asArray(property["oneOf"]), ...asArray(property["anyOf"])].some((branch) => {
      const choices = asArray(resolveRef(branch, schemas)?.["enum"]);
      return choices.length > 0 && choices.every((choice) => choice === null);
    });
    if (resolved?.["type"] === "integer") return 0;
    if (resolved?.["type"] === "array") return [];
    if (property["nullable"] === true && (resolved?.["format"] === "date-time" || nullBranch)) return null;
    if (isObject(current) && resolved !== undefined && this.#isCounts(property)) {
      // Statistics of something new: no counts yet, nothing updated yet; a status stays as generated
      // unless a behaviour knows the API's initial one.
      const out: JsonObject = {};
      for (const [key, p] of objectProperties(resolved, schemas)) {
        if (p["type"] === "integer") out[key] = 0;
        else if (p["format"] !== "date-time" && current[key] !== undefined) out[key] = current[key];
      }
      return out;
    }
    return KEEP;
  }
}

const KEEP = Symbol("keep");
