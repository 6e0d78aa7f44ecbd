import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { createMockHandler } from "@ultravox-api/mock-server";
import { describe, expect, it } from "vitest";
import { spec } from "../src/generated/spec.js";
import { pythonInt, readPageSize } from "../src/engine/page-size.js";
import { QueryReader } from "../src/engine/request-input.js";
import type { JsonObject } from "../src/internal/json.js";
import { compileSpec } from "../src/spec/compile-spec.js";
import { createAjv } from "../src/spec/create-ajv.js";
import { drfAvailability, inCi, PYTHON } from "./support/drf-server.js";
import { send } from "./helpers/api.js";
import { failure } from "./helpers/http-failure.js";

// `pageSize` on every paginated list: production reads it as DRF's paginator does (Python's int(),
// default when unreadable or below 1, clamped to the maximum); strictQuery answers 400 instead.

const compiled = compileSpec(spec as JsonObject, { createAjv });
const LISTS = compiled.operations.filter((op) => op.paginated);
const ABSENT = "00000000-0000-4000-8000-000000000000";

const WHOLE = ["Enter a whole number."];
const REQUIRED = ["This field is required."];
const AT_LEAST_ONE = ["Ensure this value is greater than or equal to 1."];

/** given: the query string's pageSize text; want: the size served without strictQuery (undefined: the default), the 400 body's message with it. */
const TABLE: readonly { given: string; lax: number | undefined; strict: number | readonly string[] }[] = [
  { given: "1", lax: 1, strict: 1 },
  { given: "25", lax: 25, strict: 25 },
  { given: "100", lax: 100, strict: 100 },
  { given: "101", lax: 100, strict: ["Ensure this value is less than or equal to 100."] },
  { given: "100000000000", lax: 100, strict: ["Ensure this value is less than or equal to 100."] },
  { given: "0", lax: undefined, strict: AT_LEAST_ONE },
  { given: "-1", lax: undefined, strict: AT_LEAST_ONE },
  { given: "-0", lax: undefined, strict: AT_LEAST_ONE },
  { given: "abc", lax: undefined, strict: WHOLE },
  { given: "1.5", lax: undefined, strict: WHOLE },
  { given: "5.0", lax: undefined, strict: WHOLE },
  { given: "1e1", lax: undefined, strict: WHOLE },
  { given: "0x10", lax: undefined, strict: WHOLE },
  { given: "Infinity", lax: undefined, strict: WHOLE },
  { given: "", lax: undefined, strict: REQUIRED },
  { given: " ", lax: undefined, strict: WHOLE },
  { given: "1__0", lax: undefined, strict: WHOLE },
  { given: "_1", lax: undefined, strict: WHOLE },
  { given: "--1", lax: undefined, strict: WHOLE },
  // What Python's int() reads, DRF serves: spaces around, a sign, leading zeros, underscores, any script's digits.
  { given: " 7\n", lax: 7, strict: 7 },
  { given: "+7", lax: 7, strict: 7 },
  { given: "007", lax: 7, strict: 7 },
  { given: "1_0", lax: 10, strict: 10 },
  { given: "\u0661\u0662", lax: 12, strict: 12 },
  { given: "\uff19", lax: 9, strict: 9 },
  { given: "\u{1d7dd}", lax: 5, strict: 5 },
  { given: "\u0660", lax: undefined, strict: AT_LEAST_ONE },
  { given: "\u00a05\u3000", lax: 5, strict: 5 },
];

describe("readPageSize", () => {
  for (const row of TABLE) {
    it(`${JSON.stringify(row.given)} → ${String(row.lax ?? "default")}; strict ${JSON.stringify(row.strict)}`, () => {
      expect(readPageSize(row.given, 100, false)).toEqual({ size: row.lax });
      expect(readPageSize(row.given, 100, true)).toEqual(typeof row.strict === "number" ? { size: row.strict } : { error: row.strict[0] });
    });
  }

  it("bounds by the operation's maximum, not 100", () => {
    expect(readPageSize("30", 20, false)).toEqual({ size: 20 });
    expect(readPageSize("30", 20, true)).toEqual({ error: "Ensure this value is less than or equal to 20." });
    expect(readPageSize("20", 20, true)).toEqual({ size: 20 });
  });
});

describe("strict messages against Django's forms.IntegerField(min_value=1, max_value=100)", () => {
  const availability = drfAvailability();
  const skip = !availability.ok && !inCi();
  // Values Django's form field and the paginator's int() read alike (Django also takes "5.0", which
  // the paginator does not serve as asked: strict refuses it, see the table).
  const SHARED = ["", " ", "abc", "1.5", "1e1", "0x10", "0", "-1", "101", "100000000000", "1", "100", "+7", " 7 ", "007", "\u0661\u0662"];
  it.skipIf(skip)("gives Django's messages, word for word", () => {
    const field = { form: true, field: "IntegerField", kwargs: { min_value: 1, max_value: 100 } };
    const script = fileURLToPath(new URL("./drf-reference/field_messages.py", import.meta.url));
    const run = spawnSync(PYTHON, [script], { input: JSON.stringify(SHARED.map((value) => ({ ...field, value }))), encoding: "utf8" });
    expect(run.stderr).toBe("");
    const django = JSON.parse(run.stdout) as (string[] | null)[];
    const mock = SHARED.map((text) => {
      const reading = readPageSize(text, 100, true);
      return "error" in reading ? [reading.error] : null;
    });
    expect(mock).toEqual(django);
  });
});

describe("against DRF's paginator (Python's int() in CursorPagination.get_page_size)", () => {
  const availability = drfAvailability();
  const skip = !availability.ok && !inCi();
  it.skipIf(skip)("reads every row's text as DRF does", () => {
    const script = [
      "import json, sys",
      "from django.conf import settings",
      "settings.configure(USE_I18N=False)",
      "import django; django.setup()",
      "from rest_framework.pagination import _positive_int",
      "def read(text):",
      "    try: return _positive_int(text, strict=True, cutoff=100)",
      "    except (ValueError, TypeError): return None",
      "def parse(text):",
      "    try: return int(text)",
      "    except ValueError: return None",
      "json.dump([[read(t), parse(t)] for t in json.load(sys.stdin)], sys.stdout)",
    ].join("\n");
    const texts = TABLE.map((row) => row.given);
    const run = spawnSync(PYTHON, ["-c", script], { input: JSON.stringify(texts), encoding: "utf8" });
    expect(run.stderr).toBe("");
    const drf = JSON.parse(run.stdout) as [number | null, number | null][];
    const served = (text: string): number | string | null => {
      const reading = readPageSize(text, 100, false);
      return "size" in reading ? (reading.size ?? null) : reading.error;
    };
    expect(texts.map((text) => [served(text), pythonInt(text) ?? null])).toEqual(drf);
  });
});

it("the paginated lists are every operation of the spec with a pageSize parameter", () => {
  const declaring = compiled.operations.filter((op) => op.queryParams.has("pageSize")).map((op) => op.operationId);
  expect(LISTS.map((op) => op.operationId)).toEqual(declaring);
  expect(LISTS.length).toBeGreaterThan(0);
});

describe.each(LISTS.map((op) => [op.operationId, op] as const))("pageSize on %s", (_, op) => {
  it("is found on every paginated list of the spec", () => {
    expect(op.queryParams.has("pageSize")).toBe(true);
  });

  it("is served as DRF serves it without strictQuery, refused with it", () => {
    const lax = new QueryReader(false);
    const strict = new QueryReader(true);
    const url = (given: string): URL => new URL(`https://api.ultravox.ai/api/x?pageSize=${encodeURIComponent(given)}`);
    for (const row of TABLE) {
      expect({ given: row.given, query: lax.read(url(row.given), op) }).toEqual({ given: row.given, query: row.lax === undefined ? {} : { pageSize: row.lax } });
      const got = typeof row.strict === "number" ? strict.read(url(row.given), op) : failure(() => strict.read(url(row.given), op));
      const want = typeof row.strict === "number" ? { pageSize: row.strict } : { status: 400, body: { pageSize: row.strict } };
      expect({ given: row.given, got }).toEqual({ given: row.given, got: want });
    }
  });

  const path = op.template.replace(/\{\w+\}/g, ABSENT);
  const mock = createMockHandler({ strictQuery: true });
  it.each([
    ["0", AT_LEAST_ONE],
    ["-1", AT_LEAST_ONE],
    ["abc", WHOLE],
    ["1.5", WHOLE],
    ["", REQUIRED],
    [String(op.pageSize.max + 1), [`Ensure this value is less than or equal to ${op.pageSize.max}.`]],
  ])("strictQuery: GET ?pageSize=%j → 400 %j", async (given, want) => {
    const answer = await send(mock.fetch, "GET", `${path}?pageSize=${given}`, { key: mock.apiKey });
    expect({ status: answer.status, body: answer.json }).toEqual({ status: 400, body: { pageSize: want } });
  });

  it("strictQuery: names an unknown parameter beside a bad pageSize", async () => {
    const answer = await send(mock.fetch, "GET", `${path}?pageSize=0&colour=red`, { key: mock.apiKey });
    expect({ status: answer.status, body: answer.json }).toEqual({ status: 400, body: { pageSize: AT_LEAST_ONE, colour: ["Unknown query parameter."] } });
  });
});
