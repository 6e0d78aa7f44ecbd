import { spec as bundledSpec } from "../generated/spec.js";
import { bundledValidators } from "../generated/validators.js";
import type { MockOptions } from "../mock-options.js";
import type { CoreOptions } from "./mock-core.js";
import { FaultInjector } from "./fault-injector.js";
import { isObject } from "./json.js";
import { Prng } from "./prng.js";
import { RateLimiter } from "./rate-limiter.js";
import { RequestJournal } from "./request-journal.js";
import { VirtualClock } from "./virtual-clock.js";

/** 2025-01-01T00:00:00Z: the default clock stands still so answers never depend on the day. */
export const DEFAULT_NOW = Date.UTC(2025, 0, 1);

export function resolveOptions(options: MockOptions): CoreOptions {
  const seed = String(options.seed ?? 0);
  const document = options.spec ?? bundledSpec;
  const clock = makeClock(options);
  if (!isObject(document) || !isObject(document["paths"])) throw new TypeError("spec must be an OpenAPI document with paths");
  return {
    document,
    // The bundled spec's validators were compiled at build (tools/generate-validators.ts).
    ...(document === bundledSpec ? { precompiled: bundledValidators() } : {}),
    seed,
    apiKeys: options.apiKeys === undefined || options.apiKeys.length === 0 ? [defaultApiKey(seed)] : [...options.apiKeys],
    now: () => clock.now(),
    clock,
    faults: new FaultInjector(options.faults ?? [], seed),
    journal: new RequestJournal(options.journal?.capacity),
    rateLimiter: rateLimiter(options, clock),
    lifecycle: options.lifecycle === undefined || options.lifecycle === false ? null : options.lifecycle === true ? {} : options.lifecycle,
    maxBodyBytes: options.maxBodyBytes ?? 1024 * 1024,
    maxUrlLength: options.maxUrlLength ?? 8192,
    fixtures: options.fixtures ?? 3,
    childFixtures: options.childFixtures ?? 2,
    strictQuery: options.strictQuery ?? true,
  };
}

function makeClock(options: MockOptions): VirtualClock {
  const { clock, now } = options;
  if (clock !== undefined) {
    const mode = clock.mode ?? "virtual";
    const start = clock.start ?? (mode === "virtual" ? DEFAULT_NOW : undefined);
    return new VirtualClock({ mode, ...(start === undefined ? {} : { start }) });
  }
  if (now !== undefined) return new VirtualClock({ mode: "real", wallNow: now });
  return new VirtualClock({ mode: "virtual", start: DEFAULT_NOW });
}

function rateLimiter(options: MockOptions, clock: VirtualClock): RateLimiter | null {
  const limits = options.rateLimits;
  if (limits === undefined || limits === false) return null;
  return new RateLimiter(limits === true ? {} : limits, () => clock.now());
}

/** Shaped like an Ultravox key (prefix.secret), derived from the seed so runs agree. */
function defaultApiKey(seed: string): string {
  const rng = new Prng(`api-key\u0000${seed}`);
  return `${rng.alnum(8)}.${rng.alnum(32)}`;
}
