import { describe, expect, it } from "vitest";
import { applyOverlay, checkOverlay } from "../src/internal/apply-overlay.js";
import { queryJsonPath } from "../src/internal/json-path.js";

const doc = () => ({
  paths: {
    "/a": { get: { responses: { "200": { description: "ok" } } }, post: { responses: {} } },
    "/b/{id}": { delete: { responses: { "204": { description: "gone" } } } },
  },
  tags: ["x"],
});

describe("queryJsonPath", () => {
  const table: { given: string; want: unknown[] }[] = [
    { given: "$", want: [doc()] },
    { given: "$.tags", want: [["x"]] },
    { given: "$.tags[0]", want: ["x"] },
    { given: "$.paths['/b/{id}'].delete.responses['204'].description", want: ["gone"] },
    { given: '$.paths["/a"].*.responses', want: [{ "200": { description: "ok" } }, {}] },
    { given: "$.paths.*.*.responses", want: [{ "200": { description: "ok" } }, {}, { "204": { description: "gone" } }] },
    { given: "$.paths[*].get.responses.200", want: [] }, // `.200` is not a name: only ['200'] selects it
    { given: "$.nothing.here", want: [] },
  ];
  it.each(table)("$given", ({ given, want }) => {
    if (given.endsWith(".200")) {
      expect(() => queryJsonPath(doc(), given)).toThrow(/unsupported JSONPath syntax/);
      return;
    }
    expect(queryJsonPath(doc(), given).map((m) => m.value)).toEqual(want);
  });

  it("refuses what it does not implement instead of matching nothing", () => {
    expect(() => queryJsonPath(doc(), "$..responses")).toThrow(/unsupported JSONPath syntax at offset 1/);
    expect(() => queryJsonPath(doc(), "paths")).toThrow(/must start with \$/);
  });
});

describe("applyOverlay", () => {
  const overlay = (actions: unknown[]) => checkOverlay({ overlay: "1.0.0", info: { title: "t", version: "1" }, actions }, "t");

  it("merges objects recursively, appends to arrays, replaces scalars", () => {
    const d = doc();
    const counts = applyOverlay(
      d,
      overlay([
        { target: "$.paths.*.*.responses", description: "add 404", update: { "404": { description: "nf" } } },
        { target: "$.tags", description: "more tags", update: ["y"] },
        { target: "$.paths['/a'].get.responses['200']", description: "doc", update: { description: "OK" } },
      ]),
    );
    expect(counts).toEqual([3, 1, 1]);
    expect(d.paths["/a"].get.responses).toEqual({ "200": { description: "OK" }, "404": { description: "nf" } });
    expect((d.paths["/b/{id}"].delete.responses as Record<string, unknown>)["404"]).toEqual({ description: "nf" });
    expect(d.tags).toEqual(["x", "y"]);
  });

  it("removes object members and array items", () => {
    const d = doc();
    applyOverlay(
      d,
      overlay([
        { target: "$.paths['/a'].post", description: "drop", remove: true },
        { target: "$.tags[0]", description: "drop", remove: true },
      ]),
    );
    expect(Object.keys(d.paths["/a"])).toEqual(["get"]);
    expect(d.tags).toEqual([]);
  });

  it("copies update values so that targets do not share objects", () => {
    const d = doc();
    applyOverlay(d, overlay([{ target: "$.paths.*.*.responses", description: "x", update: { "500": { description: "e" } } }]));
    const a = d.paths["/a"].get.responses as Record<string, { description: string }>;
    const b = d.paths["/b/{id}"].delete.responses as Record<string, { description: string }>;
    expect(a["500"]).not.toBe(b["500"]);
  });

  const bad: { name: string; given: unknown; want: RegExp }[] = [
    { name: "not an overlay", given: { openapi: "3.0.3" }, want: /not an OpenAPI Overlay 1\.x/ },
    { name: "no actions", given: { overlay: "1.0.0", info: {} }, want: /no actions list/ },
    { name: "no reason", given: { overlay: "1.0.0", actions: [{ target: "$", update: {} }] }, want: /no description/ },
    { name: "does nothing", given: { overlay: "1.0.0", actions: [{ target: "$", description: "d" }] }, want: /neither/ },
  ];
  it.each(bad)("checkOverlay refuses: $name", ({ given, want }) => {
    expect(() => checkOverlay(given, "f.yaml")).toThrow(want);
  });
});
