import { describe, expect, it } from "vitest";
import { diffSpecs } from "../src/spec-diff.js";
import { parseOpenApi } from "../src/internal/parse-openapi.js";
import type { ChangeClass } from "../src/classify.js";

type Schemas = Record<string, unknown>;

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const obj = (properties: Record<string, unknown>) => ({ type: "object", properties });
const str = { type: "string" };
const int = { type: "integer" };

/** A document whose one operation (`GET /api/items/{<param>}`) answers with `root`, plus the schemas given. */
function spec(schemas: Schemas, root: string, param = "item_id"): string {
  return JSON.stringify({
    openapi: "3.0.3",
    info: { title: "Renames", version: "1" },
    paths: {
      [`/api/items/{${param}}`]: {
        get: {
          operationId: "items_retrieve",
          parameters: [{ in: "path", name: param, required: true, schema: str }],
          responses: { "200": { description: "", content: { "application/json": { schema: ref(root) } } } },
        },
      },
    },
    components: { schemas },
  });
}

function run(oldText: string, newText: string) {
  const diff = diffSpecs({ origin: "old.json", doc: parseOpenApi(oldText, "old.json") }, { origin: "new.json", doc: parseOpenApi(newText, "new.json") });
  const lines = [...diff.operations, ...diff.schemas, ...diff.document]
    .flatMap((e) => e.changes)
    .filter((c) => c.class !== "none")
    .map((c) => `${c.class} ${c.message}`)
    .sort();
  return { diff, lines };
}

const renamed = (from: string, to: string) => `breaking \`${from}\`: renamed to \`${to}\` (same shape)`;
const removed = (name: string) => `breaking \`${name}\`: schema removed`;
const added = (name: string) => `additive \`${name}\`: new schema`;

interface Row {
  readonly name: string;
  readonly old: string;
  readonly new: string;
  readonly want: ChangeClass;
  readonly lines: string[];
}

const rows: Row[] = [
  {
    name: "two linked renames (Parent → Parent2 whose $ref Child → Child2)",
    old: spec({ Parent: obj({ child: ref("Child") }), Child: obj({ name: str }) }, "Parent"),
    new: spec({ Parent2: obj({ child: ref("Child2") }), Child2: obj({ name: str }) }, "Parent2"),
    want: "breaking",
    lines: [renamed("Child", "Child2"), renamed("Parent", "Parent2")],
  },
  {
    name: "a chain of three (A → B → C, each renamed)",
    old: spec({ A: obj({ b: ref("B") }), B: obj({ c: { type: "array", items: ref("C") } }), C: obj({ x: str }) }, "A"),
    new: spec({ A2: obj({ b: ref("B2") }), B2: obj({ c: { type: "array", items: ref("C2") } }), C2: obj({ x: str }) }, "A2"),
    want: "breaking",
    lines: [renamed("A", "A2"), renamed("B", "B2"), renamed("C", "C2")],
  },
  {
    name: "a rename plus a real shape change below it is no rename (up the $refs either)",
    old: spec({ Parent: obj({ child: ref("Child") }), Child: obj({ name: str }) }, "Parent"),
    new: spec({ Parent2: obj({ child: ref("Child2") }), Child2: obj({ name: str, age: int }) }, "Parent2"),
    want: "breaking",
    lines: [added("Child2"), added("Parent2"), removed("Child"), removed("Parent"), "additive `GET /api/items/{item_id} 200.child.age`: new property"],
  },
  {
    name: "a rename below a real shape change stays a rename",
    old: spec({ Parent: obj({ child: ref("Child") }), Child: obj({ name: str }) }, "Parent"),
    new: spec({ Parent2: obj({ child: ref("Child2"), extra: str }), Child2: obj({ name: str }) }, "Parent2"),
    want: "breaking",
    lines: [added("Parent2"), removed("Parent"), renamed("Child", "Child2"), "additive `GET /api/items/{item_id} 200.extra`: new property"],
  },
  {
    name: "a swap (A's shape now named B, B's named A) is two changed schemas: both names live on",
    old: spec({ Root: obj({ a: ref("A"), b: ref("B") }), A: obj({ x: str }), B: obj({ y: int }) }, "Root"),
    new: spec({ Root: obj({ a: ref("A"), b: ref("B") }), A: obj({ y: int }), B: obj({ x: str }) }, "Root"),
    want: "breaking",
    lines: [
      "breaking `A.x`: removed",
      "additive `A.y`: new property",
      "breaking `B.y`: removed",
      "additive `B.x`: new property",
    ],
  },
  {
    name: "two schemas referencing each other rename together (a cycle)",
    old: spec({ A: obj({ b: ref("B") }), B: obj({ a: ref("A") }) }, "A"),
    new: spec({ A2: obj({ b: ref("B2") }), B2: obj({ a: ref("A2") }) }, "A2"),
    want: "breaking",
    lines: [renamed("A", "A2"), renamed("B", "B2")],
  },
  {
    name: "a self-referencing schema renames with its own $ref",
    old: spec({ Node: obj({ next: ref("Node"), value: str }) }, "Node"),
    new: spec({ Link: obj({ next: ref("Link"), value: str }) }, "Link"),
    want: "breaking",
    lines: [renamed("Node", "Link")],
  },
  {
    name: "ambiguous identical candidates: the first new name in name order",
    old: spec({ Root: obj({ a: ref("Root") }), Old: obj({ x: str }) }, "Root"),
    new: spec({ Root: obj({ a: ref("Root") }), NewB: obj({ x: str }), NewA: obj({ x: str }) }, "Root"),
    want: "breaking",
    lines: [added("NewB"), renamed("Old", "NewA")],
  },
  {
    name: "two identical removed, two identical added: paired in name order",
    old: spec({ Root: obj({ a: ref("Root") }), Y1: obj({ x: str }), X1: obj({ x: str }) }, "Root"),
    new: spec({ Root: obj({ a: ref("Root") }), Y2: obj({ x: str }), X2: obj({ x: str }) }, "Root"),
    want: "breaking",
    lines: [renamed("X1", "X2"), renamed("Y1", "Y2")],
  },
  {
    name: "ambiguous child: the copy a renamed parent points at wins over name order",
    old: spec({ Parent: obj({ child: ref("Child") }), Child: obj({ name: str }) }, "Parent"),
    new: spec({ Parent2: obj({ child: ref("ChildB") }), ChildA: obj({ name: str }), ChildB: obj({ name: str }) }, "Parent2"),
    want: "breaking",
    lines: [added("ChildA"), renamed("Child", "ChildB"), renamed("Parent", "Parent2")],
  },
  {
    name: "a parent whose two refs need the one child under two new names is no rename",
    old: spec({ Parent: obj({ a: ref("Child"), b: ref("Child") }), Child: obj({ name: str }) }, "Parent"),
    new: spec({ Parent2: obj({ a: ref("ChildA"), b: ref("ChildB") }), ChildA: obj({ name: str }), ChildB: obj({ name: str }) }, "Parent2"),
    want: "breaking",
    lines: [added("ChildB"), added("Parent2"), removed("Parent"), renamed("Child", "ChildA")],
  },
  {
    name: "a renamed schema referenced from an operation whose path parameter was renamed too",
    old: spec({ Agent: obj({ owner: ref("Owner") }), Owner: obj({ name: str }) }, "Agent", "id"),
    new: spec({ Agent2: obj({ owner: ref("Owner2") }), Owner2: obj({ name: str }) }, "Agent2", "agent_id"),
    want: "breaking",
    lines: [
      "breaking `GET /api/items/{id}`: path parameter renamed: `{id}` → `{agent_id}` (now `GET /api/items/{agent_id}`)",
      renamed("Agent", "Agent2"),
      renamed("Owner", "Owner2"),
    ],
  },
  {
    name: "nested documentation does not stop a rename (and is reported as docs)",
    old: spec({ Root: obj({ a: ref("A") }), A: obj({ x: { ...str, description: "Old." } }) }, "Root"),
    new: spec({ Root: obj({ a: ref("B") }), B: obj({ x: { ...str, description: "New.", example: "x" } }) }, "Root"),
    want: "breaking",
    lines: [renamed("A", "B"), "docs `A.x`: documentation changed"],
  },
  {
    name: "a property named like a documentation key still counts",
    old: spec({ Root: obj({ a: ref("A") }), A: obj({ description: str }) }, "Root"),
    new: spec({ Root: obj({ a: ref("B") }), B: obj({ description: int }) }, "Root"),
    want: "breaking",
    lines: [
      added("B"),
      removed("A"),
      "breaking `Root.a.description`: type `string` → `number`",
      "docs `Root.a.description`: constraints changed (integer)",
    ],
  },
  {
    name: "a $ref to a removed schema that now points at a kept one is no rename",
    old: spec({ Root: obj({ a: ref("Root") }), Old: obj({ c: ref("Gone") }), Gone: obj({ x: str }), Kept: obj({ x: str }) }, "Root"),
    new: spec({ Root: obj({ a: ref("Root") }), New: obj({ c: ref("Kept") }), Kept: obj({ x: str }) }, "Root"),
    want: "breaking",
    lines: [added("New"), removed("Gone"), removed("Old")],
  },
  {
    name: "other property names are no rename",
    old: spec({ Root: obj({ a: ref("A") }), A: obj({ x: str }) }, "Root"),
    new: spec({ Root: obj({ a: ref("B") }), B: obj({ y: str }) }, "Root"),
    want: "breaking",
    lines: [added("B"), removed("A"), "breaking `Root.a.x`: removed", "additive `Root.a.y`: new property"],
  },
  {
    name: "another keyword is no rename",
    old: spec({ Root: obj({ a: ref("A") }), A: obj({ x: str }) }, "Root"),
    new: spec({ Root: obj({ a: ref("B") }), B: { ...obj({ x: str }), required: ["x"] } }, "Root"),
    want: "breaking",
    lines: [added("B"), removed("A"), "additive `Root.a.x`: now required"],
  },
  {
    name: "an allOf of another length is no rename",
    old: spec({ Root: obj({ a: ref("A") }), A: { allOf: [ref("Root")] } }, "Root"),
    new: spec({ Root: obj({ a: ref("B") }), B: { allOf: [ref("Root"), ref("Root")] } }, "Root"),
    want: "breaking",
    lines: [added("B"), removed("A")],
  },
  {
    name: "a $ref to a kept schema that now points at an added one is no rename",
    old: spec({ Root: obj({ a: ref("A") }), A: obj({ c: ref("Kept") }), Kept: obj({ x: str }) }, "Root"),
    new: spec({ Root: obj({ a: ref("B") }), B: obj({ c: ref("Fresh") }), Fresh: obj({ x: str }), Kept: obj({ x: str }) }, "Root"),
    want: "breaking",
    lines: [added("B"), added("Fresh"), removed("A")],
  },
  {
    name: "extra keys and items compared as schemas, booleans as values",
    old: spec({ Root: obj({ a: ref("A") }), A: { type: "object", additionalProperties: true, properties: { l: { type: "array", items: ref("Root") } } } }, "Root"),
    new: spec({ Root: obj({ a: ref("B") }), B: { type: "object", additionalProperties: true, properties: { l: { type: "array", items: ref("Root") } } } }, "Root"),
    want: "breaking",
    lines: [renamed("A", "B")],
  },
  {
    name: "renames through union branches and a discriminator mapping",
    old: spec(
      {
        Shape: { oneOf: [ref("Circle"), ref("Square")], discriminator: { propertyName: "kind", mapping: { circle: "#/components/schemas/Circle", square: "#/components/schemas/Square" } } },
        Circle: obj({ kind: str, r: int }),
        Square: obj({ kind: str, side: int }),
      },
      "Shape",
    ),
    new: spec(
      {
        Figure: { oneOf: [ref("Round"), ref("Square")], discriminator: { propertyName: "kind", mapping: { circle: "#/components/schemas/Round", square: "#/components/schemas/Square" } } },
        Round: obj({ kind: str, r: int }),
        Square: obj({ kind: str, side: int }),
      },
      "Figure",
    ),
    want: "breaking",
    lines: [renamed("Circle", "Round"), renamed("Shape", "Figure")],
  },
  {
    name: "a discriminator mapping pointing elsewhere is no rename",
    old: spec({ Shape: { oneOf: [ref("Circle"), ref("Circle")], discriminator: { propertyName: "kind", mapping: { a: "#/components/schemas/Circle" } } }, Circle: obj({ kind: str }) }, "Shape"),
    new: spec({ Figure: { oneOf: [ref("Circle"), ref("Circle")], discriminator: { propertyName: "kind", mapping: { a: "#/components/schemas/Other" } } }, Circle: obj({ kind: str }), Other: obj({ kind: str }) }, "Figure"),
    want: "breaking",
    lines: [added("Figure"), added("Other"), removed("Shape")],
  },
];

describe("spec:diff schema renames, compared modulo the renames", () => {
  // Plain titles (not it.each's quoted, truncated ones): Stryker selects the tests covering a mutant by title.
  for (const row of rows) it(row.name, () => {
    const { diff, lines } = run(row.old, row.new);
    expect(lines, lines.join("\n")).toEqual([...row.lines].sort());
    expect(diff.class).toBe(row.want);
  });
});

/** Operations on the paths given, each a GET (`op<index>`) with its path parameters and an optional query `q`. */
function paths(...list: string[]): string {
  const ops = Object.fromEntries(
    list.map((path, i) => [
      path,
      {
        get: {
          operationId: `op${String(i)}`,
          parameters: [...[...path.matchAll(/\{([^}]+)\}/g)].map((m) => ({ in: "path", name: m[1], required: true, schema: str })), { in: "query", name: "q", schema: str }],
          responses: { "204": { description: "" } },
        },
      },
    ]),
  );
  return JSON.stringify({ openapi: "3.0.3", info: { title: "Paths", version: "1" }, paths: ops });
}

const pathRows: { name: string; old: string[]; new: string[]; lines: string[] }[] = [
  {
    name: "one of two path parameters renamed: only it is named",
    old: ["/api/a/{a_id}/b/{b_id}"],
    new: ["/api/a/{a_id}/b/{id}"],
    lines: [
      "breaking `GET /api/a/{a_id}/b/{b_id}`: path parameter renamed: `{b_id}` → `{id}` (now `GET /api/a/{a_id}/b/{id}`)",
    ],
  },
  {
    name: "two removed paths of one template: each new path is matched once, in document order",
    old: ["/api/a/{x}", "/api/a/{y}"],
    new: ["/api/a/{z}"],
    lines: [
      "breaking `GET /api/a/{x}`: path parameter renamed: `{x}` → `{z}` (now `GET /api/a/{z}`)",
      "breaking `GET /api/a/{y}`: removed",
    ],
  },
  {
    name: "another segment is no rename",
    old: ["/api/a/{x}"],
    new: ["/api/b/{z}"],
    lines: ["additive `GET /api/b/{z}`: new operation", "breaking `GET /api/a/{x}`: removed"],
  },
];

describe("spec:diff path parameter renames", () => {
  for (const row of pathRows) it(row.name, () => {
    const { lines } = run(paths(...row.old), paths(...row.new));
    expect(lines, lines.join("\n")).toEqual([...row.lines].sort());
  });
});

/**
 * A parent that reaches its child through each keyword that holds subschemas: renamed together, both
 * are renames (the child's `$ref` is followed through the keyword), and documentation keys never stop
 * a rename. The counter-rows change the shape around the `$ref`, which must stop the parent's rename.
 */
const through: { keyword: string; parent: (child: unknown) => Record<string, unknown> }[] = [
  ...["items", "additionalProperties", "not", "contains", "propertyNames", "additionalItems", "unevaluatedItems", "unevaluatedProperties", "if", "then", "else"].map(
    (keyword) => ({ keyword, parent: (child: unknown) => ({ [keyword]: child }) }),
  ),
  ...["allOf", "oneOf", "anyOf", "prefixItems"].map((keyword) => ({ keyword, parent: (child: unknown) => ({ [keyword]: [str, child] }) })),
  ...["properties", "patternProperties", "$defs", "definitions", "dependentSchemas"].map((keyword) => ({ keyword, parent: (child: unknown) => ({ type: "object", [keyword]: { a: int, b: child } }) })),
  {
    keyword: "discriminator (its mapping's values are $refs)",
    parent: (child: unknown) => ({ oneOf: [child], discriminator: { propertyName: "name", mapping: { one: (child as { $ref: string }).$ref } } }),
  },
];
const linked = (parentOld: unknown, parentNew: unknown) => ({
  old: spec({ Parent: parentOld, Child: obj({ name: str }) }, "Parent"),
  new: spec({ Parent2: parentNew, Child2: obj({ name: str }) }, "Parent2"),
});

describe("spec:diff renames follow $refs through every keyword that holds subschemas", () => {
  for (const { keyword, parent } of through) {
    it(`linked renames through ${keyword}`, () => {
      const { old, new: next } = linked(parent(ref("Child")), parent(ref("Child2")));
      expect(run(old, next).lines).toEqual([renamed("Child", "Child2"), renamed("Parent", "Parent2")]);
    });
  }

  for (const key of ["description", "title", "example", "examples", "externalDocs", "deprecated"]) {
    it(`a rename whose ${key} changed is still a rename`, () => {
      const before = { ...obj({ name: str }), [key]: key === "deprecated" ? false : key === "externalDocs" ? { url: "https://a.example" } : "old" };
      const after = { ...obj({ name: str }), [key]: key === "deprecated" ? true : key === "externalDocs" ? { url: "https://b.example" } : "new" };
      const { lines } = run(spec({ Thing: before }, "Thing"), spec({ Thing2: after }, "Thing2"));
      expect(lines.filter((line) => line.startsWith("breaking"))).toEqual([renamed("Thing", "Thing2")]);
    });
  }

  it("a parent renamed alone, its $ref to a schema both versions have unchanged", () => {
    const other = { Other: obj({ id: int }) };
    const { lines } = run(spec({ Parent: { items: ref("Other") }, ...other }, "Parent"), spec({ Parent2: { items: ref("Other") }, ...other }, "Parent2"));
    expect(lines).toEqual([renamed("Parent", "Parent2")]);
  });

  it.each([
    { given: "keys in another order", old: { type: "object", items: ref("Child") }, new: { items: ref("Child2"), type: "object" } },
    { given: "properties in another order", old: { type: "object", properties: { a: int, b: ref("Child") } }, new: { type: "object", properties: { b: ref("Child2"), a: int } } },
    { given: "a discriminator mapping in another order", old: { oneOf: [ref("Child")], discriminator: { propertyName: "name", mapping: { one: "#/components/schemas/Child", two: "#/components/schemas/Child" } } }, new: { oneOf: [ref("Child2")], discriminator: { propertyName: "name", mapping: { two: "#/components/schemas/Child2", one: "#/components/schemas/Child2" } } } },
  ])("still linked renames: $given", ({ old, new: next }) => {
    const { old: before, new: after } = linked(old, next);
    expect(run(before, after).lines).toEqual([renamed("Child", "Child2"), renamed("Parent", "Parent2")]);
  });

  const notRenamed = [removed("Parent"), added("Parent2"), renamed("Child", "Child2")].sort();
  it.each([
    { given: "a list keyword with another length", old: { oneOf: [str, ref("Child")] }, new: { oneOf: [str, ref("Child2"), int] } },
    { given: "a list keyword whose other branch changed", old: { anyOf: [str, ref("Child")] }, new: { anyOf: [int, ref("Child2")] } },
    { given: "a map keyword with other names", old: { type: "object", properties: { a: ref("Child") } }, new: { type: "object", properties: { b: ref("Child2") } } },
    { given: "a map keyword whose other member changed", old: { type: "object", properties: { a: int, b: ref("Child") } }, new: { type: "object", properties: { a: str, b: ref("Child2") } } },
    { given: "a discriminator on another property", old: { oneOf: [ref("Child")], discriminator: { propertyName: "name" } }, new: { oneOf: [ref("Child2")], discriminator: { propertyName: "kind" } } },
    { given: "a discriminator mapping with other names", old: { oneOf: [ref("Child")], discriminator: { propertyName: "name", mapping: { one: "#/components/schemas/Child" } } }, new: { oneOf: [ref("Child2")], discriminator: { propertyName: "name", mapping: { two: "#/components/schemas/Child2" } } } },
    { given: "a discriminator mapping added", old: { oneOf: [ref("Child")], discriminator: { propertyName: "name" } }, new: { oneOf: [ref("Child2")], discriminator: { propertyName: "name", mapping: { one: "#/components/schemas/Child2" } } } },
    { given: "a $ref to a schema both versions have", old: { items: ref("Child") }, new: { items: ref("Other") } },
    { given: "another keyword set", old: { items: ref("Child") }, new: { items: ref("Child2"), minItems: 1 } },
    { given: "a keyword that holds no subschema", old: { items: ref("Child"), enum: ["a"] }, new: { items: ref("Child2"), enum: ["b"] } },
    { given: "a $ref from a schema both versions have to a new one", old: { items: ref("Other") }, new: { items: ref("Child2") } },
    { given: "a discriminator mapping with one entry that does not follow", old: { oneOf: [ref("Child")], discriminator: { propertyName: "name", mapping: { one: "#/components/schemas/Child", two: "#/components/schemas/Other" } } }, new: { oneOf: [ref("Child2")], discriminator: { propertyName: "name", mapping: { one: "#/components/schemas/Child2", two: "#/components/schemas/Child2" } } } },
    { given: "an extension object with a `mapping` (data, not a discriminator)", old: { items: ref("Child"), "x-info": { mapping: { a: "#/components/schemas/Child" } } }, new: { items: ref("Child2"), "x-info": { mapping: { a: "#/components/schemas/Child2" } } } },
    { given: "an extension list of objects that differ only in a description (data, not schemas)", old: { items: ref("Child"), "x-list": [{ description: "a", v: 1 }] }, new: { items: ref("Child2"), "x-list": [{ description: "b", v: 1 }] } },
    { given: "boolean subschemas true → false", old: { items: ref("Child"), additionalProperties: true }, new: { items: ref("Child2"), additionalProperties: false } },
    { given: "an empty subschema → true", old: { items: ref("Child"), additionalProperties: {} }, new: { items: ref("Child2"), additionalProperties: true } },
  ])("no rename of the parent: $given", ({ old, new: next }) => {
    // Other: a schema both versions have, with another shape (never a rename candidate).
    const other = { Other: obj({ id: int }) };
    const before = spec({ Parent: old, Child: obj({ name: str }), ...other }, "Parent");
    const after = spec({ Parent2: next, Child2: obj({ name: str }), ...other }, "Parent2");
    const lines = run(before, after).lines.filter((line) => line.startsWith("breaking") || line.startsWith("additive"));
    expect(lines.filter((line) => line.includes("Parent"))).toEqual(notRenamed.filter((line) => line.includes("Parent")));
  });
});
