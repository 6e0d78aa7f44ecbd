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
  /** Edits making the old side, when it is not the base. */
  readonly old?: [string, string][];
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
    rule: "schema removed (another shape added)",
    given: [["    Owner:\n      type: object\n      properties:\n        ownerName:\n          type: string\n", "    Owner2:\n      type: object\n      properties:\n        ownerTitle:\n          type: string\n"], ["$ref: '#/components/schemas/Owner'", "$ref: '#/components/schemas/Owner2'"]],
    want: "breaking",
    lines: ["additive `Owner2`: new schema", "breaking `Owner`: schema removed", "breaking `Thing.owner.ownerName`: removed", "additive `Thing.owner.ownerTitle`: new property"],
  },
  {
    rule: "schema renamed with the same shape",
    given: [["    Owner:\n      type: object\n      properties:\n        ownerName:\n          type: string\n", "    Owner2:\n      type: object\n      description: Renamed.\n      properties:\n        ownerName:\n          type: string\n"], ["$ref: '#/components/schemas/Owner'", "$ref: '#/components/schemas/Owner2'"]],
    want: "breaking",
    lines: ["breaking `Owner`: renamed to `Owner2` (same shape)", "docs `Owner`: documentation changed"],
  },
  {
    rule: "enum schema renamed (StatusEnum → ThingStatusEnum)",
    given: [["    StatusEnum:\n", "    ThingStatusEnum:\n"], ["$ref: '#/components/schemas/StatusEnum'", "$ref: '#/components/schemas/ThingStatusEnum'"]],
    want: "breaking",
    lines: ["breaking `StatusEnum`: renamed to `ThingStatusEnum` (same shape)"],
  },
  {
    rule: "path parameter renamed",
    given: [["  /api/things/{thing_id}:", "  /api/things/{id}:"], ["          name: thing_id\n", "          name: id\n"]],
    want: "breaking",
    lines: ["breaking `DELETE /api/things/{thing_id}`: path parameter renamed: `{thing_id}` → `{id}` (now `DELETE /api/things/{id}`)"],
  },
  {
    rule: "security requirement added to an operation",
    given: [["      operationId: things_destroy\n", "      operationId: things_destroy\n      security:\n        - apiKeyAuth: []\n"]],
    want: "breaking",
    lines: ["breaking `DELETE /api/things/{thing_id}`: now requires authentication (apiKeyAuth)"],
  },
  {
    rule: "security requirement added for the whole document",
    given: [["paths:\n", "security:\n  - apiKeyAuth: []\n  - oauth: [read]\npaths:\n"], ["      operationId: things_destroy\n", "      operationId: things_destroy\n      security: []\n"]],
    want: "breaking",
    lines: ["breaking `GET /api/things`: now requires authentication (apiKeyAuth or oauth [read])", "breaking `POST /api/things`: now requires authentication (apiKeyAuth or oauth [read])"],
  },
  {
    rule: "security alternative removed",
    given: [["paths:\n", "security:\n  - apiKeyAuth: []\npaths:\n"]],
    want: "breaking",
    old: [["paths:\n", "security:\n  - apiKeyAuth: []\n  - bearer: []\npaths:\n"]],
    lines: ["breaking `DELETE /api/things/{thing_id}`: no longer accepts bearer", "breaking `GET /api/things`: no longer accepts bearer", "breaking `POST /api/things`: no longer accepts bearer"],
  },
  {
    rule: "request body removed",
    given: [["      requestBody:\n        required: true\n        content:\n          application/json:\n            schema:\n              $ref: '#/components/schemas/ThingInput'\n", ""]],
    want: "breaking",
    lines: ["breaking `POST /api/things body`: request body removed"],
  },
  {
    rule: "new required request body",
    given: [["      operationId: things_destroy\n", "      operationId: things_destroy\n      requestBody:\n        required: true\n        content:\n          application/json:\n            schema:\n              type: object\n"]],
    want: "breaking",
    lines: ["breaking `DELETE /api/things/{thing_id} body`: new required request body"],
  },
  {
    rule: "request body made required",
    old: [["      requestBody:\n        required: true\n", "      requestBody:\n"]],
    given: [],
    want: "breaking",
    lines: ["breaking `POST /api/things body`: now required"],
  },
  {
    rule: "operationId changed",
    given: [["operationId: things_destroy", "operationId: things_delete"]],
    want: "breaking",
    lines: ["breaking `DELETE /api/things/{thing_id}`: operationId things_destroy → things_delete"],
  },
  {
    rule: "array items retyped (request)",
    given: [["          items:\n            type: string\n        shape:", "          items:\n            type: integer\n        shape:"]],
    want: "breaking",
    lines: ["breaking `ThingInput.tags[]`: type `string` → `number`", "docs `ThingInput.tags[]`: constraints changed (integer)"],
  },
  {
    rule: "array items retyped (response)",
    given: [["          items:\n            $ref: '#/components/schemas/Thing'\n", "          items:\n            type: string\n"]],
    want: "breaking",
    lines: [
      "breaking `PaginatedThingList.results[]`: type `object` → `string`",
      ...["label", "owner", "size", "status", "thingId"].map((p) => `breaking \`PaginatedThingList.results[].${p}\`: removed`),
    ],
  },
  {
    rule: "request oneOf 2 → 1 names the branch that went",
    given: [["            - $ref: '#/components/schemas/Circle'\n            - $ref: '#/components/schemas/Square'\n", "            - $ref: '#/components/schemas/Circle'\n"]],
    want: "breaking",
    lines: ["breaking `ThingInput.shape`: removed variant `Square`"],
  },
  {
    rule: "a variant's own change is reported inside it",
    given: [["      required: [side]\n", "      required: [side, color]\n      x-unused: true\n"], ["        side:\n          type: number\n", "        side:\n          type: number\n        color:\n          type: string\n"]],
    want: "breaking",
    lines: ["breaking `Square.color`: new required property"],
  },
  {
    rule: "request maximum lowered, new maxLength (runtime-breaking)",
    given: [["        weightKg:\n          type: number\n", "        weightKg:\n          type: number\n          maximum: 500\n"], ["          maxLength: 20\n", "          maxLength: 10\n"]],
    want: "runtime-breaking",
    lines: [
      "runtime-breaking `ThingInput.code`: the server now refuses more values (maxLength 20 → 10)",
      "runtime-breaking `ThingInput.weightKg`: the server now refuses more values (maximum 500)",
    ],
  },
  {
    rule: "request number → integer (runtime-breaking)",
    given: [["        weightKg:\n          type: number\n", "        weightKg:\n          type: integer\n"]],
    want: "runtime-breaking",
    lines: ["runtime-breaking `ThingInput.weightKg`: the server now refuses more values (integers only)"],
  },
  {
    rule: "request stricter format and pattern (runtime-breaking)",
    given: [["          maxLength: 20\n", "          maxLength: 20\n          format: uuid\n          pattern: '^[0-9a-f-]+$'\n"]],
    want: "runtime-breaking",
    lines: ['runtime-breaking `ThingInput.code`: the server now refuses more values (format "uuid", pattern "^[0-9a-f-]+$")'],
  },
  {
    rule: "request limit raised is docs",
    given: [["          maxLength: 20\n", "          maxLength: 40\n"]],
    want: "docs",
    lines: ["docs `ThingInput.code`: constraints changed (maxLength)"],
  },
  {
    rule: "response tightening is docs",
    given: [["        size:\n          type: integer", "        size:\n          type: integer\n          maximum: 10"]],
    want: "docs",
    lines: ["docs `Thing.size`: constraints changed (maximum)"],
  },
  {
    rule: "string query parameter loses an enum value",
    given: [["            enum: [FUTURE, PENDING]\n", "            enum: [FUTURE]\n"]],
    want: "breaking",
    lines: ["breaking `GET /api/things?status`: removed value `PENDING`"],
  },
  {
    rule: "response removed",
    given: [["        '204':\n          description: No response body\n", "        '200':\n          description: No response body\n"]],
    want: "breaking",
    lines: ["breaking `DELETE /api/things/{thing_id} 204`: response removed", "additive `DELETE /api/things/{thing_id} 200`: new response"],
  },
  {
    rule: "response header made optional",
    old: [["          description: No response body\n", "          description: No response body\n          headers:\n            Retry-After:\n              required: true\n              schema:\n                type: integer\n"]],
    given: [["          description: No response body\n", "          description: No response body\n          headers:\n            retry-after:\n              description: Wait.\n              schema:\n                type: string\n"]],
    want: "breaking",
    lines: [
      "breaking `DELETE /api/things/{thing_id} 204 header retry-after`: now optional",
      "breaking `DELETE /api/things/{thing_id} 204 header retry-after`: type `number` → `string`",
      "docs `DELETE /api/things/{thing_id} 204 header retry-after`: documentation changed",
      "docs `DELETE /api/things/{thing_id} 204 header retry-after`: constraints changed (integer)",
    ],
  },
  {
    rule: "request property no longer accepts null",
    old: [["        name:\n          type: string\n", "        name:\n          type: string\n          nullable: true\n"]],
    given: [],
    want: "breaking",
    lines: ["breaking `ThingInput.name`: no longer accepts null"],
  },
  {
    rule: "request property newly limited to an enum",
    given: [["        name:\n          type: string\n", "        name:\n          type: string\n          enum: [a, b]\n"]],
    want: "breaking",
    lines: ["breaking `ThingInput.name`: now limited to `a`, `b`"],
  },
  {
    rule: "response property newly unlimited (enum dropped)",
    old: [["        label:\n          type: string\n", "        label:\n          type: string\n          enum: [x]\n"]],
    given: [],
    want: "breaking",
    lines: ["breaking `Thing.label`: no longer limited to a set of values"],
  },
  {
    rule: "response no longer allows extra keys",
    old: [["    Owner:\n      type: object\n", "    Owner:\n      type: object\n      additionalProperties: true\n"]],
    given: [],
    want: "breaking",
    lines: ["breaking `Owner`: no longer allows extra keys"],
  },
  {
    rule: "request property removed",
    given: [["        name:\n          type: string\n", ""], ["      required: [name]", "      required: []"]],
    want: "breaking",
    lines: ["breaking `ThingInput.name`: no longer accepted"],
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
  {
    rule: "request oneOf 1 → 2 (new variant)",
    old: [["            - $ref: '#/components/schemas/Circle'\n            - $ref: '#/components/schemas/Square'\n", "            - $ref: '#/components/schemas/Circle'\n"]],
    given: [],
    want: "additive",
    lines: ["additive `ThingInput.shape`: new variant `Square`"],
  },
  {
    rule: "request property now accepts null",
    given: [["        name:\n          type: string\n", "        name:\n          type: string\n          nullable: true\n"]],
    want: "additive",
    lines: ["additive `ThingInput.name`: now accepts null"],
  },
  {
    rule: "response now allows extra keys",
    given: [["    Owner:\n      type: object\n", "    Owner:\n      type: object\n      additionalProperties:\n        type: string\n"]],
    want: "additive",
    lines: ["additive `Owner`: now allows extra keys"],
  },
  {
    rule: "response property no longer null",
    given: [["          type: string\n          nullable: true\n    Thing:", "          type: string\n    Thing:"]],
    want: "additive",
    lines: ["additive `PaginatedThingList.next`: no longer null"],
  },
  {
    rule: "parameter made optional, request body made optional",
    old: [["          name: cursor\n", "          name: cursor\n          required: true\n"]],
    given: [["      requestBody:\n        required: true\n", "      requestBody:\n"]],
    want: "additive",
    lines: ["additive `GET /api/things?cursor`: now optional", "additive `POST /api/things body`: now optional"],
  },
  {
    rule: "new optional request body, new media type",
    given: [["      operationId: things_destroy\n", "      operationId: things_destroy\n      requestBody:\n        content:\n          application/json:\n            schema:\n              type: object\n"], ["        '201':\n          description: ''\n          content:\n", "        '201':\n          description: ''\n          content:\n            text/csv:\n              schema:\n                type: string\n"]],
    want: "additive",
    lines: ["additive `DELETE /api/things/{thing_id} body`: new optional request body", "additive `POST /api/things 201`: new media type text/csv"],
  },
  {
    rule: "security requirement removed",
    old: [["      operationId: things_destroy\n", "      operationId: things_destroy\n      security:\n        - apiKeyAuth: []\n"]],
    given: [["      operationId: things_destroy\n", "      operationId: things_destroy\n      security:\n        - apiKeyAuth: []\n        - {}\n"]],
    want: "additive",
    lines: ["additive `DELETE /api/things/{thing_id}`: no longer requires authentication"],
  },
  {
    rule: "security alternative added",
    old: [["      operationId: things_destroy\n", "      operationId: things_destroy\n      security:\n        - apiKeyAuth: []\n"]],
    given: [["      operationId: things_destroy\n", "      operationId: things_destroy\n      security:\n        - apiKeyAuth: []\n        - bearer: []\n          apiKeyAuth: []\n"]],
    want: "additive",
    lines: ["additive `DELETE /api/things/{thing_id}`: now also accepts apiKeyAuth + bearer"],
  },
  {
    rule: "docs of parameters, bodies, responses and examples",
    given: [
      ["          name: cursor\n", "          name: cursor\n          description: Where to start.\n"],
      ["      requestBody:\n        required: true\n", "      requestBody:\n        description: The thing.\n        required: true\n"],
      ["        '201':\n          description: ''\n", "        '201':\n          description: Created.\n"],
      ["              $ref: '#/components/schemas/ThingInput'\n", "              $ref: '#/components/schemas/ThingInput'\n            example: {name: x}\n"],
    ],
    want: "docs",
    lines: [
      "docs `GET /api/things?cursor`: documentation changed",
      "docs `POST /api/things body`: documentation changed",
      "docs `POST /api/things 201`: documentation changed",
      "docs `POST /api/things body`: examples changed",
    ],
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
  it.each(rows)("$rule → $want", ({ given, old, want, lines }) => {
    const result = run(edit(...given), old === undefined ? diffBase : edit(...old));
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
    expect(first.counts).toEqual({ breaking: 1, "runtime-breaking": 0, additive: 1, docs: 1, none: 0 });
  });
});
