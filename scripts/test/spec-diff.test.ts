import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { diffSpecs } from "../src/spec-diff.js";
import { parseOpenApi } from "../src/internal/parse-openapi.js";
import type { ChangeClass } from "../src/classify.js";
import { diffBase } from "./fixtures/diff-base.js";

function doc(text: string) {
  return { origin: "x.yaml", doc: parseOpenApi(text, "x.yaml") };
}

/** Applies `[from, to]` replacements to the base; each `from` must occur exactly once. */
function edit(...pairs: [string, string][]): string {
  let text = diffBase;
  for (const [from, to] of pairs) {
    const at = text.indexOf(from);
    if (at < 0 || text.indexOf(from, at + 1) >= 0) throw new Error(`fixture: ${JSON.stringify(from)} must occur once`);
    text = text.slice(0, at) + to + text.slice(at + from.length);
  }
  return text;
}

function run(newText: string, oldText = diffBase) {
  const diff = diffSpecs(doc(oldText), doc(newText));
  const lines = [...diff.operations, ...diff.schemas, ...diff.document]
    .flatMap((e) => e.changes)
    .filter((c) => c.class !== "none")
    .map((c) => `${c.class} ${c.message}`)
    .sort();
  return { diff, lines };
}

function reverseKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(reverseKeys);
  if (typeof value !== "object" || value === null) return value;
  return Object.fromEntries(Object.entries(value).reverse().map(([k, v]) => [k, reverseKeys(v)]));
}

interface Row {
  readonly rule: string;
  readonly given: [string, string][];
  readonly want: ChangeClass;
  readonly lines: string[];
}

const thingProps = "        label:\n          type: string\n";
const opSummary = "      summary: List things\n";

const rows: Row[] = [
  // breaking
  {
    rule: "operation removed",
    given: [["    delete:\n      operationId: things_destroy", "    x-gone:\n      operationId: things_destroy"]],
    want: "breaking",
    lines: ["breaking `DELETE /api/things/{thing_id}`: removed"],
  },
  {
    rule: "response property removed",
    given: [[thingProps, ""]],
    want: "breaking",
    lines: ["breaking `Thing.label`: removed"],
  },
  {
    rule: "response property type changed",
    given: [["        size:\n          type: integer", "        size:\n          type: string"]],
    want: "breaking",
    lines: ["breaking `Thing.size`: type `number` → `string`", "docs `Thing.size`: constraints changed (integer)"],
  },
  {
    rule: "response property made nullable",
    given: [["        size:\n          type: integer", "        size:\n          type: integer\n          nullable: true"]],
    want: "breaking",
    lines: ["breaking `Thing.size`: now nullable"],
  },
  {
    rule: "response property made optional",
    given: [["required: [thingId, status, size]", "required: [thingId, status]"]],
    want: "breaking",
    lines: ["breaking `Thing.size`: now optional"],
  },
  {
    rule: "request property newly required",
    given: [["      required: [name]", "      required: [name, color]"]],
    want: "breaking",
    lines: ["breaking `ThingInput.color`: now required"],
  },
  {
    rule: "new required request property",
    given: [["        color:\n", "        weight:\n          type: number\n        color:\n"], ["      required: [name]", "      required: [name, weight]"]],
    want: "breaking",
    lines: ["breaking `ThingInput.weight`: new required property"],
  },
  {
    rule: "parameter newly required",
    given: [["          name: cursor\n", "          name: cursor\n          required: true\n"]],
    want: "breaking",
    lines: ["breaking `GET /api/things?cursor`: now required"],
  },
  {
    rule: "new required parameter",
    given: [["        - in: query\n          name: cursor", "        - in: query\n          name: tenant\n          required: true\n          schema:\n            type: string\n        - in: query\n          name: cursor"]],
    want: "breaking",
    lines: ["breaking `GET /api/things?tenant`: new required parameter"],
  },
  {
    rule: "request enum value removed",
    given: [["enum: [red, blue]", "enum: [red]"]],
    want: "breaking",
    lines: ["breaking `ThingInput.color`: removed value `blue`"],
  },
  {
    rule: "parameter removed",
    given: [["        - in: query\n          name: cursor\n          schema:\n            type: string\n", ""]],
    want: "breaking",
    lines: ["breaking `GET /api/things?cursor`: parameter removed"],
  },
  {
    rule: "parameter type changed",
    given: [["          name: cursor\n          schema:\n            type: string", "          name: cursor\n          schema:\n            type: integer"]],
    want: "breaking",
    lines: ["breaking `GET /api/things?cursor`: type `string` → `number`", "docs `GET /api/things?cursor`: constraints changed (integer)"],
  },
  {
    rule: "media type removed",
    given: [["        '201':\n          description: ''\n          content:\n            application/json:", "        '201':\n          description: ''\n          content:\n            text/csv:"]],
    want: "breaking",
    lines: ["additive `POST /api/things 201`: new media type text/csv", "breaking `POST /api/things 201`: media type application/json removed"],
  },
  {
    rule: "schema removed",
    given: [["    Owner:\n      type: object\n      properties:\n        ownerName:\n          type: string\n", "    Owner2:\n      type: object\n      properties:\n        ownerName:\n          type: string\n"], ["$ref: '#/components/schemas/Owner'", "$ref: '#/components/schemas/Owner2'"]],
    want: "breaking",
    lines: ["additive `Owner2`: new schema", "breaking `Owner`: schema removed"],
  },
  // additive
  {
    rule: "new operation",
    given: [["    delete:\n", "    get:\n      operationId: things_retrieve\n      responses:\n        '200':\n          description: ''\n    delete:\n"]],
    want: "additive",
    lines: ["additive `GET /api/things/{thing_id}`: new operation"],
  },
  {
    rule: "new optional request property",
    given: [["        color:\n", "        weight:\n          type: number\n        color:\n"]],
    want: "additive",
    lines: ["additive `ThingInput.weight`: new optional property"],
  },
  {
    rule: "new optional parameter",
    given: [["        - in: query\n          name: cursor", "        - in: query\n          name: pageSize\n          schema:\n            type: integer\n        - in: query\n          name: cursor"]],
    want: "additive",
    lines: ["additive `GET /api/things?pageSize`: new optional parameter"],
  },
  {
    rule: "new response property",
    given: [[thingProps, `${thingProps}        weight:\n          type: number\n`]],
    want: "additive",
    lines: ["additive `Thing.weight`: new property"],
  },
  {
    rule: "new response enum value (flagged)",
    given: [["      enum: [FUTURE, PENDING]\n    ThingInput", "      enum: [FUTURE, PENDING, ERROR]\n    ThingInput"]],
    want: "additive",
    lines: ["additive `StatusEnum`: new value `ERROR`"],
  },
  {
    rule: "new request enum value",
    given: [["enum: [red, blue]", "enum: [red, blue, green]"]],
    want: "additive",
    lines: ["additive `ThingInput.color`: new value `green`"],
  },
  {
    rule: "new schema",
    given: [["    StatusEnum:\n", "    Extra:\n      type: string\n    StatusEnum:\n"]],
    want: "additive",
    lines: ["additive `Extra`: new schema"],
  },
  {
    rule: "new response header",
    given: [["          description: No response body\n", "          description: No response body\n          headers:\n            Retry-After:\n              schema:\n                type: integer\n"]],
    want: "additive",
    lines: ["additive `DELETE /api/things/{thing_id} 204 header Retry-After`: new header"],
  },
  // docs
  {
    rule: "description changed",
    given: [["description: A thing.", "description: A thing, described better."]],
    want: "docs",
    lines: ["docs `Thing`: documentation changed"],
  },
  {
    rule: "summary changed",
    given: [[opSummary, "      summary: List every thing\n"]],
    want: "docs",
    lines: ["docs `GET /api/things`: summary changed"],
  },
  {
    rule: "example added",
    given: [[thingProps, "        label:\n          type: string\n          example: blue box\n"]],
    want: "docs",
    lines: ["docs `Thing.label`: documentation changed"],
  },
  // none
  {
    rule: "openapi version string",
    given: [["openapi: 3.0.3", "openapi: 3.0.4"]],
    want: "none",
    lines: [],
  },
  {
    rule: "nullable: true vs type: [X, null]",
    given: [["openapi: 3.0.3", "openapi: 3.1.0"], ["          type: string\n          nullable: true\n    Thing:", "          type: [string, 'null']\n    Thing:"]],
    want: "none",
    lines: [],
  },
  {
    rule: "nullable allOf vs type: null beside allOf (the 3.2.0 snapshots)",
    given: [["openapi: 3.0.3", "openapi: '3.2.0'"], ["            - $ref: '#/components/schemas/Owner'\n          nullable: true", "            - $ref: '#/components/schemas/Owner'\n          type: 'null'"]],
    want: "none",
    lines: [],
  },
  {
    rule: "nullable allOf vs oneOf with a null branch",
    given: [["          allOf:\n            - $ref: '#/components/schemas/Owner'\n          nullable: true", "          oneOf:\n            - $ref: '#/components/schemas/Owner'\n            - type: 'null'"]],
    want: "none",
    lines: [],
  },
  {
    rule: "key order and parameter order",
    given: [["          name: status\n          schema:\n            type: string\n            enum: [FUTURE, PENDING]\n        - in: query\n          name: cursor\n          schema:\n            type: string\n", "          name: cursor\n          schema:\n            type: string\n        - name: status\n          in: query\n          schema:\n            enum: [FUTURE, PENDING]\n            type: string\n"]],
    want: "none",
    lines: [],
  },
  {
    rule: "inline schema replaced by an identical $ref",
    given: [["          type: string\n          nullable: true\n    Thing:", "          $ref: '#/components/schemas/NullableString'\n    NullableString:\n      type: string\n      nullable: true\n    Thing:"]],
    want: "additive",
    lines: ["additive `NullableString`: new schema"],
  },
];

describe("spec:diff rules (one row per rule)", () => {
  it.each(rows)("$rule → $want", ({ given, want, lines }) => {
    const result = run(edit(...given));
    expect(result.lines).toEqual([...lines].sort());
    expect(result.diff.class).toBe(want);
  });

  it("flags response-enum growth but not request-enum growth", () => {
    const response = run(edit(["      enum: [FUTURE, PENDING]\n    ThingInput", "      enum: [FUTURE, PENDING, ERROR]\n    ThingInput"]));
    expect(response.diff.flags).toEqual(["response-enum-growth"]);
    const request = run(edit(["enum: [red, blue]", "enum: [red, blue, green]"]));
    expect(request.diff.flags).toEqual([]);
  });

  it("reports a readOnly property only where it is visible (responses)", () => {
    const { lines } = run(edit([thingProps, `${thingProps}        createdAt:\n          type: string\n          readOnly: true\n`]), diffBase);
    expect(lines).toEqual(["additive `Thing.createdAt`: new property"]);
  });

  it("judges a schema used by requests and responses at its worst (new required property)", () => {
    // Thing is only a response here; make ThingInput also a response so both directions apply.
    const both = diffBase.replace("                $ref: '#/components/schemas/Thing'\n  /api/things/{thing_id}", "                $ref: '#/components/schemas/ThingInput'\n  /api/things/{thing_id}");
    const changed = both.replace("        color:\n", "        weight:\n          type: number\n        color:\n").replace("      required: [name]", "      required: [name, weight]");
    expect(run(changed, both).lines).toEqual(["breaking `ThingInput.weight`: new required property"]);
  });

  it("classifies a removed response header as breaking", () => {
    const withHeader = edit(["          description: No response body\n", "          description: No response body\n          headers:\n            Retry-After:\n              schema:\n                type: integer\n"]);
    expect(run(diffBase, withHeader).lines).toEqual(["breaking `DELETE /api/things/{thing_id} 204 header Retry-After`: header removed"]);
  });

  it("handles recursive schemas", () => {
    const recursive = diffBase.replace("        ownerName:\n          type: string\n", "        ownerName:\n          type: string\n        parent:\n          $ref: '#/components/schemas/Owner'\n");
    const changed = recursive.replace("        ownerName:\n          type: string\n", "        ownerName:\n          type: string\n        age:\n          type: integer\n");
    expect(run(changed, recursive).lines).toEqual(["additive `Owner.age`: new property"]);
  });

  it("sorts entries and changes, and gives the same report for key-reordered input", () => {
    const changed = edit([thingProps, ""], [opSummary, "      summary: Other\n"], ["enum: [red, blue]", "enum: [blue, red, green]"]);
    const first = diffSpecs(doc(diffBase), doc(changed));
    const reversed = JSON.stringify(reverseKeys(parse(changed)));
    expect(reversed).not.toBe(JSON.stringify(parse(changed)));
    const again = diffSpecs(doc(diffBase), doc(reversed));
    expect(JSON.stringify(again)).toBe(JSON.stringify(first));
    const subjects = first.schemas.map((e) => e.subject);
    expect(subjects).toEqual([...subjects].sort());
    expect(first.counts).toEqual({ breaking: 1, additive: 1, docs: 1, none: 0 });
  });
});
