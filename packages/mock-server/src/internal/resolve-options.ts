import { spec as bundledSpec } from "../generated/spec.js";
import type { MockOptions } from "../mock-options.js";
import type { CoreOptions } from "./mock-core.js";
import { isObject } from "./json.js";
import { Prng } from "./prng.js";

/** 2025-01-01T00:00:00Z: the default clock stands still so answers never depend on the day. */
export const DEFAULT_NOW = Date.UTC(2025, 0, 1);

export function resolveOptions(options: MockOptions): CoreOptions {
  const seed = String(options.seed ?? 0);
  const document = options.spec ?? bundledSpec;
  if (!isObject(document) || !isObject(document["paths"])) throw new TypeError("spec must be an OpenAPI document with paths");
  return {
    document,
    seed,
    apiKeys: options.apiKeys === undefined || options.apiKeys.length === 0 ? [defaultApiKey(seed)] : [...options.apiKeys],
    now: options.now ?? (() => DEFAULT_NOW),
    maxBodyBytes: options.maxBodyBytes ?? 1024 * 1024,
    maxUrlLength: options.maxUrlLength ?? 8192,
    fixtures: options.fixtures ?? 3,
    childFixtures: options.childFixtures ?? 2,
    strictQuery: options.strictQuery ?? true,
  };
}

/** Shaped like an Ultravox key (prefix.secret), derived from the seed so runs agree. */
function defaultApiKey(seed: string): string {
  const rng = new Prng(`api-key\u0000${seed}`);
  return `${rng.alnum(8)}.${rng.alnum(32)}`;
}
