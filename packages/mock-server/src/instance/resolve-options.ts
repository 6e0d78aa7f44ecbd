import type { BehaviourSource } from "../behaviour.js";
import { ultravoxBehaviours } from "../behaviours/ultravox/index.js";
import type { LiveCalls } from "../behaviours/ultravox/live-calls.js";
import type { EngineOptions } from "../engine/mock-engine.js";
import { spec as bundledSpec } from "../generated/spec.js";
import { bundledValidators } from "../generated/validators.js";
import { isObject } from "../internal/json.js";
import { Prng } from "../internal/prng.js";
import type { MockOptions } from "../mock-options.js";
import { FaultInjector } from "../pipeline/fault-injector.js";
import { RateLimiter } from "../pipeline/rate-limiter.js";
import { RequestJournal } from "../pipeline/request-journal.js";
import { VirtualClock } from "../pipeline/virtual-clock.js";
import type { ValidatorOptions } from "../spec/validators.js";

/** What tests and the entries add to the user's options (see createMockInstance). */
export interface InstanceExtras {
  /** Default true; tests comparing against uncached answers turn it off. */
  readonly pageCache?: boolean;
  /** Compiles validators the build did not (see ValidatorOptions.createAjv). */
  readonly createAjv?: ValidatorOptions["createAjv"];
}

/** 2025-01-01T00:00:00Z: the default clock stands still so answers never depend on the day. */
export const DEFAULT_NOW = Date.UTC(2025, 0, 1);

/** The parts of a mock, built from its options. */
export interface ResolvedOptions {
  readonly engine: EngineOptions;
  readonly clock: VirtualClock;
  readonly faults: FaultInjector;
  readonly journal: RequestJournal;
  readonly rateLimiter: RateLimiter | null;
  /** The live calls of the Ultravox behaviours, once the engine has built them (undefined without them). */
  readonly liveCalls: () => LiveCalls | undefined;
  readonly cors: boolean;
}

export function resolveOptions(options: MockOptions, extra: InstanceExtras = {}): ResolvedOptions {
  const seed = String(options.seed ?? 0);
  const document = options.spec ?? bundledSpec;
  if (!isObject(document) || !isObject(document["paths"])) throw new TypeError("spec must be an OpenAPI document with paths");
  const clock = makeClock(options);
  const journal = new RequestJournal(options.journal?.capacity);
  const apiKeys = options.apiKeys === undefined || options.apiKeys.length === 0 ? [defaultApiKey(seed)] : [...options.apiKeys];
  const limiter = rateLimiter(options, clock);
  let live: LiveCalls | undefined;
  const wiring: Wiring = {
    apiKeys,
    wallTime: clock.mode === "real",
    journal: (record) => journal.record(record),
    onLiveCalls: (built) => {
      live = built;
    },
  };
  return {
    engine: {
      document,
      // The bundled spec's validators were compiled at build (tools/generate-validators.ts).
      ...(document === bundledSpec ? { precompiled: bundledValidators() } : {}),
      ...(extra.createAjv === undefined ? {} : { createAjv: extra.createAjv }),
      behaviours: [...builtIn(options, document, wiring), ...(options.behaviours ?? [])],
      seed,
      apiKeys,
      now: () => clock.now(),
      maxBodyBytes: options.maxBodyBytes ?? 1024 * 1024,
      maxUrlLength: options.maxUrlLength ?? 8192,
      fixtures: options.fixtures ?? 3,
      childFixtures: options.childFixtures ?? 2,
      strictQuery: options.strictQuery ?? false,
      rateLimiter: limiter,
      ...(extra.pageCache === undefined ? {} : { pageCache: extra.pageCache }),
    },
    clock,
    faults: new FaultInjector(options.faults ?? [], seed),
    journal,
    rateLimiter: limiter,
    liveCalls: () => live,
    cors: options.cors !== false,
  };
}

/** What the built-in behaviours get from the rest of the mock. */
interface Wiring {
  readonly apiKeys: readonly string[];
  readonly wallTime: boolean;
  readonly journal: (record: Parameters<RequestJournal["record"]>[0]) => void;
  readonly onLiveCalls: (live: LiveCalls) => void;
}

/** The Ultravox behaviours, for an Ultravox spec unless turned off. */
function builtIn(options: MockOptions, document: Readonly<Record<string, unknown>>, wiring: Wiring): BehaviourSource[] {
  if (options.builtInBehaviours === false) return [];
  const info = isObject(document["info"]) ? document["info"] : {};
  const ultravox = document === bundledSpec || (typeof info["title"] === "string" && /ultravox/i.test(info["title"]));
  if (!ultravox) return [];
  // On unless turned off, as the API is: the default virtual clock keeps it still until a test moves time.
  const lifecycle = options.lifecycle === false ? null : options.lifecycle === undefined || options.lifecycle === true ? {} : options.lifecycle;
  const batchSettings = typeof options.lifecycle === "object" ? options.lifecycle : {};
  const fetch = options.webhooks?.fetch ?? batchSettings.fetch;
  const timeoutMs = options.webhooks?.timeoutMs ?? batchSettings.webhookTimeoutMs;
  const calls = {
    apiKeys: wiring.apiKeys,
    wallTime: wiring.wallTime,
    journal: wiring.journal,
    ...(options.calls === undefined ? {} : { automation: options.calls }),
    ...(fetch === undefined ? {} : { fetch }),
    ...(timeoutMs === undefined ? {} : { timeoutMs }),
  };
  return [ultravoxBehaviours({ lifecycle, calls, onLiveCalls: wiring.onLiveCalls })];
}

function makeClock(options: MockOptions): VirtualClock {
  // The deprecated `now` is read here only, to map it onto a clock.
  // eslint-disable-next-line @typescript-eslint/no-deprecated
  const { clock, now } = options;
  if (clock !== undefined) {
    const mode = clock.mode ?? "virtual";
    const start = clock.start ?? (mode === "virtual" ? DEFAULT_NOW : undefined);
    return new VirtualClock({ mode, ...(start === undefined ? {} : { start }), ...(clock.wallNow === undefined ? {} : { wallNow: clock.wallNow }) });
  }
  // The deprecated `now`: a real clock following it.
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
