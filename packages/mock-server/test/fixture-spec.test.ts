import { createMockHandler, fail, type MockBehaviour } from "@ultravox-api/mock-server";
import { describe, expect, it } from "vitest";
import { petStore } from "./fixtures/pet-store.js";
import { BASE, field, send } from "./helpers/api.js";

/** A spec that is not Ultravox's runs on the generic engine alone: no behaviours at all. */
describe("a non-Ultravox spec", () => {
  const spec = structuredClone(petStore) as unknown as Record<string, unknown>;

  it("creates, reads, updates, lists and deletes", async () => {
    const mock = createMockHandler({ spec, apiKeys: ["k"] });
    const created = await send(mock.fetch, "POST", "/pets", { key: "k", body: { name: "Rex", kind: "dog" } });
    expect(created.status).toBe(201);
    expect(created.json).toMatchObject({ name: "Rex", kind: "dog", created: "2025-01-01T00:00:00.000Z" });
    const id = field(created.json, "petId");
    expect((await send(mock.fetch, "GET", `/pets/${id}`, { key: "k" })).json).toEqual(created.json);
    const patched = await send(mock.fetch, "PATCH", `/pets/${id}`, { key: "k", body: { name: "Max" } });
    expect(patched.json).toEqual({ ...(created.json as object), name: "Max" });
    expect((await send(mock.fetch, "GET", "/pets?kind=dog", { key: "k" })).json).toEqual({ results: [patched.json], next: null, previous: null });
    expect((await send(mock.fetch, "GET", "/pets?kind=cat", { key: "k" })).json).toEqual({ results: [], next: null, previous: null });
    expect((await send(mock.fetch, "DELETE", `/pets/${id}`, { key: "k" })).status).toBe(204);
    expect((await send(mock.fetch, "GET", `/pets/${id}`, { key: "k" })).status).toBe(404);
  });

  it("paginates with cursors, newest first, at the spec's default page size", async () => {
    const mock = createMockHandler({ spec, apiKeys: ["k"] });
    for (const name of ["a", "b", "c"]) await send(mock.fetch, "POST", "/pets", { key: "k", body: { name, kind: "cat" } });
    const first = (await send(mock.fetch, "GET", "/pets", { key: "k" })).json as { results: { name: string }[]; next: string | null };
    expect(first.results.map((pet) => pet.name)).toEqual(["c", "b"]);
    expect(first.next).toMatch(new RegExp(`^${BASE}/pets\\?cursor=`));
    const second = (await send(mock.fetch, "GET", (first.next ?? "").slice(BASE.length), { key: "k" })).json as { results: { name: string }[]; next: unknown; previous: unknown };
    expect(second.results.map((pet) => pet.name)).toEqual(["a"]);
    expect(second.next).toBeNull();
    expect(second.previous).not.toBeNull();
  });

  it("validates paths, queries and bodies with DRF's bodies, and authenticates", async () => {
    const mock = createMockHandler({ spec, apiKeys: ["k"] });
    expect((await send(mock.fetch, "POST", "/pets", { key: "k", body: { name: "x".repeat(21), kind: "cow" } })).json).toEqual({
      name: ["Ensure this field has no more than 20 characters."],
      kind: ['"cow" is not a valid choice.'],
    });
    // Query strings and paths as Django reads them: a bad pageSize gives the default page, a non-UUID id is a routing miss.
    const lenient = await send(mock.fetch, "GET", "/pets?pageSize=many", { key: "k" });
    expect(lenient.status).toBe(200);
    expect(lenient.json).toEqual({ results: [], next: null, previous: null });
    expect((await send(mock.fetch, "GET", "/pets/not-a-uuid", { key: "k" })).status).toBe(404);
    // Opt-in strictness catches the bad pageSize instead, in Django forms' wording (query parameters go through a form).
    const strict = createMockHandler({ spec, apiKeys: ["k"], strictQuery: true });
    expect((await send(strict.fetch, "GET", "/pets?pageSize=many", { key: "k" })).json).toEqual({ pageSize: ["Enter a whole number."] });
    expect((await send(mock.fetch, "GET", "/pets", { key: null })).status).toBe(401);
  });

  it("applies no Ultravox behaviour, even to an operationId Ultravox's spec also has", async () => {
    const mock = createMockHandler({ spec, apiKeys: ["k"] });
    const tool = await send(mock.fetch, "POST", "/tools", { key: "k", body: { name: "t", ownership: "public" } });
    expect(tool.status).toBe(201);
    expect(tool.json).toMatchObject({ name: "t", ownership: "public" });
    // With the Ultravox behaviours forced on (an Ultravox title), the same request is made private.
    const titled = createMockHandler({ spec: { ...spec, info: { title: "Ultravox API", version: "1" } }, apiKeys: ["k"] });
    expect((await send(titled.fetch, "POST", "/tools", { key: "k", body: { name: "t", ownership: "public" } })).json).toMatchObject({ ownership: "private" });
  });

  it("runs a behaviour registered for an operationId: checks, preparation and errors", async () => {
    const uniqueNames: MockBehaviour = {
      operations: {
        pets_create: {
          check(call) {
            const taken = call.store.items("/pets").some((pet) => pet.value["name"] === call.body["name"]);
            if (taken) throw fail(400, { name: ["A pet with this name already exists."] });
            return undefined;
          },
          prepare: (_call, pet) => ({ ...pet, name: String(pet["name"]).toUpperCase() }),
        },
      },
    };
    const mock = createMockHandler({ spec, apiKeys: ["k"], behaviours: [uniqueNames] });
    expect((await send(mock.fetch, "POST", "/pets", { key: "k", body: { name: "Rex", kind: "dog" } })).json).toMatchObject({ name: "REX" });
    // The stored name is "REX": "Rex" is free again, "REX" is taken.
    expect((await send(mock.fetch, "POST", "/pets", { key: "k", body: { name: "Rex", kind: "dog" } })).status).toBe(201);
    const refused = await send(mock.fetch, "POST", "/pets", { key: "k", body: { name: "REX", kind: "dog" } });
    expect([refused.status, refused.json]).toEqual([400, { name: ["A pet with this name already exists."] }]);
    expect(mock.journal.list({ path: "/pets" }).map((entry) => entry.status)).toEqual([201, 201, 400]);
  });
});
