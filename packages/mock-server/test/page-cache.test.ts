import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { toMockHandler } from "../src/adapters/web-request.js";
import { createMockInstance, type MockInstance } from "../src/instance/mock-instance.js";
import type { CoreRequest, CoreResponse } from "../src/pipeline/core-exchange.js";
import { PageCache } from "../src/state/page-cache.js";
import type { MockOptions } from "../src/mock-options.js";
import { BASE, field, results, send, type Answer } from "./helpers/api.js";

/**
 * List pages are served again while their tenant is unchanged. The proof that no write is missed:
 * the same requests, in the same order, to a mock with the cache and one without it get the same
 * bytes at every step — creates, updates, deletes, children removed with their parent, and batches
 * moving on the clock (the lifecycle writes outside any request).
 */

const START = Date.parse("2025-06-02T08:00:00Z");
const MIN = 60_000;
const OPTIONS: MockOptions = { seed: 11, clock: { mode: "virtual", start: START }, lifecycle: { callIntervalMs: 30_000 } };
const outgoing = (i: number) => ({ medium: { twilio: { outgoing: { to: `+1555000${String(i).padStart(4, "0")}`, from: "+15559990000" } } } });

function pair() {
  const cached = createMockInstance(OPTIONS);
  const plain = createMockInstance(OPTIONS, { pageCache: false });
  return { cached, plain, a: toMockHandler(cached), b: toMockHandler(plain) };
}

/** A GET the core answers synchronously, to see which response object it hands out. */
function get(core: MockInstance, path: string): CoreResponse {
  const url = new URL(`${BASE}${path}`);
  const request: CoreRequest = {
    method: "GET",
    url,
    header: (name) => (name === "x-api-key" ? (core.apiKeys[0] ?? null) : null),
    readBody: () => Promise.resolve(new Uint8Array()),
  };
  const answer = core.dispatch(request);
  if (answer instanceof Promise) throw new Error("a GET should be answered at once");
  return answer;
}

describe("PageCache", () => {
  const response = (body: string): CoreResponse => ({ status: 200, headers: {}, body });
  it.each([
    { given: "the version it was stored at", stored: 1, asked: 1, want: "hit" },
    { given: "a later version", stored: 1, asked: 2, want: "miss" },
    { given: "an earlier version", stored: 2, asked: 1, want: "miss" },
  ])("a page stored at $stored, asked at $given → $want", ({ stored, asked, want }) => {
    const cache = new PageCache();
    const page = response("{}");
    cache.set("https://x/a", stored, page);
    expect(cache.get("https://x/a", asked) === page ? "hit" : "miss").toBe(want);
    expect(cache.get("https://x/b", stored)).toBeUndefined();
  });

  it("starts over past 256 pages or 4 MiB of text, so it stays bounded", () => {
    const cache = new PageCache();
    const pages = Array.from({ length: 257 }, () => response("{}"));
    for (let i = 0; i < 256; i++) cache.set(`https://x/${i}`, 1, pages[i] as CoreResponse);
    expect(cache.get("https://x/0", 1)).toBe(pages[0]);
    // A page stored again replaces its entry: nothing is dropped.
    const again = response("{}");
    cache.set("https://x/255", 2, again);
    expect(cache.get("https://x/0", 1)).toBe(pages[0]);
    expect(cache.get("https://x/255", 2)).toBe(again);
    cache.set("https://x/256", 1, pages[256] as CoreResponse);
    expect(cache.get("https://x/0", 1)).toBeUndefined();
    expect(cache.get("https://x/256", 1)).toBe(pages[256]);
    const big = "x".repeat(3 * 1024 * 1024);
    const big2 = response(big);
    cache.set("https://x/big1", 1, response(big));
    cache.set("https://x/big2", 1, big2);
    expect(cache.get("https://x/big1", 1)).toBeUndefined();
    expect(cache.get("https://x/big2", 1)).toBe(big2);
  });
});

describe("the page cache in the core", () => {
  it("hands out the same page while nothing changes, and a new one after a write or a lifecycle step", async () => {
    const { cached, a } = pair();
    const agentId = field((await send(a.fetch, "POST", "/api/agents", { key: a.apiKey, body: { name: "cache" } })).json, "agentId");
    const batch = await send(a.fetch, "POST", `/api/agents/${agentId}/scheduled_batches`, {
      key: a.apiKey,
      body: { calls: [outgoing(1), outgoing(2), outgoing(3)], windowStart: new Date(START + MIN).toISOString() },
    });
    const path = `/api/agents/${agentId}/scheduled_batches/${field(batch.json, "batchId")}/scheduled_calls?status=FUTURE&pageSize=2`;
    const first = get(cached, path);
    expect(get(cached, path)).toBe(first);
    // A read elsewhere leaves it in place.
    get(cached, "/api/agents?pageSize=1");
    expect(get(cached, path)).toBe(first);
    // A write anywhere in the tenant: a new object (same bytes here, the calls are untouched).
    await send(a.fetch, "PATCH", `/api/agents/${agentId}`, { key: a.apiKey, body: { name: "renamed" } });
    const afterPatch = get(cached, path);
    expect(afterPatch).not.toBe(first);
    expect(afterPatch.body).toBe(first.body);
    // The window opens: the lifecycle moves calls out of FUTURE with no request writing anything.
    await a.clock.advance(2 * MIN);
    const moved = get(cached, path);
    expect(moved).not.toBe(afterPatch);
    expect(moved.body).not.toBe(first.body);
  });

  it("after reset() the seeded pages come back, not the cached ones", async () => {
    const { cached, a } = pair();
    const before = get(cached, "/api/agents").body;
    await send(a.fetch, "POST", "/api/agents", { key: a.apiKey, body: { name: "gone after reset" } });
    expect(get(cached, "/api/agents").body).not.toBe(before);
    a.reset();
    expect(get(cached, "/api/agents").body).toBe(before);
  });

  type Step =
    | { readonly kind: "createAgent" }
    | { readonly kind: "patchAgent" | "deleteAgent"; readonly pick: number }
    | { readonly kind: "createBatch"; readonly pick: number; readonly calls: number; readonly startsInMin: number }
    | { readonly kind: "pauseBatch" | "deleteBatch"; readonly pick: number }
    | { readonly kind: "deleteCall" }
    | { readonly kind: "advance"; readonly ms: number }
    | { readonly kind: "read"; readonly list: number; readonly pick: number; readonly next: boolean };

  const step: fc.Arbitrary<Step> = fc.oneof(
    fc.constant({ kind: "createAgent" as const }),
    fc.record({ kind: fc.constantFrom("patchAgent" as const, "deleteAgent" as const), pick: fc.nat(5) }),
    fc.record({ kind: fc.constant("createBatch" as const), pick: fc.nat(5), calls: fc.integer({ min: 1, max: 7 }), startsInMin: fc.integer({ min: 1, max: 20 }) }),
    fc.record({ kind: fc.constantFrom("pauseBatch" as const, "deleteBatch" as const), pick: fc.nat(5) }),
    fc.constant({ kind: "deleteCall" as const }),
    fc.record({ kind: fc.constant("advance" as const), ms: fc.constantFrom(0, 30_000, 5 * MIN, 60 * MIN) }),
    // Reads weigh most: a page read twice between writes is where the cache answers.
    ...Array.from({ length: 4 }, () => fc.record({ kind: fc.constant("read" as const), list: fc.nat(8), pick: fc.nat(5), next: fc.boolean() })),
  );

  it("answers every request sequence byte for byte like a mock without it (150 generated runs)", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 5, maxLength: 40 }), async (steps) => {
        const { a, b } = pair();
        const agents: string[] = [];
        const batches: [string, string][] = [];
        const both = async (method: string, path: string, body?: unknown): Promise<Answer> => {
          const options = { key: a.apiKey, ...(body === undefined ? {} : { body }) };
          const [left, right] = [await send(a.fetch, method, path, options), await send(b.fetch, method, path, options)];
          expect({ method, path, status: left.status, text: left.text }).toEqual({ method, path, status: right.status, text: right.text });
          return left;
        };
        const at = <T>(list: readonly T[], pick: number): T | undefined => (list.length === 0 ? undefined : list[pick % list.length]);
        const lists = (agent: string | undefined, batch: [string, string] | undefined): string[] => [
          "/api/agents?pageSize=2",
          "/api/agents?sort=name",
          "/api/calls?pageSize=3",
          "/api/deleted_calls",
          agent === undefined ? "/api/agents" : `/api/agents/${agent}/scheduled_batches?pageSize=2`,
          agent === undefined ? "/api/calls" : `/api/agents/${agent}`,
          batch === undefined ? "/api/calls" : `/api/agents/${batch[0]}/scheduled_batches/${batch[1]}/scheduled_calls?status=FUTURE&pageSize=3`,
          batch === undefined ? "/api/calls" : `/api/agents/${batch[0]}/scheduled_batches/${batch[1]}/scheduled_calls?pageSize=2`,
          batch === undefined ? "/api/calls" : `/api/agents/${batch[0]}/scheduled_batches/${batch[1]}/created_calls`,
        ];
        for (const s of steps) {
          switch (s.kind) {
            case "createAgent":
              agents.push(field((await both("POST", "/api/agents", { name: `agent ${agents.length}` })).json, "agentId"));
              break;
            case "patchAgent":
            case "deleteAgent": {
              const agent = at(agents, s.pick);
              if (agent === undefined) break;
              if (s.kind === "patchAgent") await both("PATCH", `/api/agents/${agent}`, { name: `renamed ${s.pick}` });
              else await both("DELETE", `/api/agents/${agent}`);
              break;
            }
            case "createBatch": {
              const agent = at(agents, s.pick);
              if (agent === undefined) break;
              const windowStart = new Date(a.clock.now() + s.startsInMin * MIN).toISOString();
              const calls = Array.from({ length: s.calls }, (_v, i) => outgoing(i));
              const created = await both("POST", `/api/agents/${agent}/scheduled_batches`, { calls, windowStart });
              if (created.status === 201) batches.push([agent, field(created.json, "batchId")]);
              break;
            }
            case "pauseBatch":
            case "deleteBatch": {
              const batch = at(batches, s.pick);
              if (batch === undefined) break;
              const path = `/api/agents/${batch[0]}/scheduled_batches/${batch[1]}`;
              if (s.kind === "pauseBatch") await both("PATCH", path, { paused: true });
              else await both("DELETE", path);
              break;
            }
            case "deleteCall": {
              const first = results((await both("GET", "/api/calls?pageSize=1")).json)[0];
              if (first !== undefined) await both("DELETE", `/api/calls/${field(first, "callId")}`);
              break;
            }
            case "advance":
              await Promise.all([a.clock.advance(s.ms), b.clock.advance(s.ms)]);
              break;
            case "read": {
              const path = lists(at(agents, s.pick), at(batches, s.pick))[s.list] ?? "/api/agents";
              const page = await both("GET", path);
              await both("GET", path);
              const next = (page.json as { next?: unknown } | undefined)?.next;
              if (s.next && typeof next === "string") await both("GET", next.slice(BASE.length));
              break;
            }
          }
        }
      }),
      { numRuns: 150 },
    );
  }, 120_000);
});
