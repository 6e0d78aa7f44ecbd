/**
 * The mock's 400 text for an unreadable JSON body against DRF's own `JSONParser` (Debian's DRF on
 * /usr/bin/python3): a table of hand-picked faults and a few hundred generated ones (valid documents
 * with one byte deleted, inserted, replaced or cut off, and invalid UTF-8), every one sent to both.
 * Without Python and DRF the table is skipped with one line; with CI set that is a failure.
 */
import { execFileSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { decodeUtf8LikeDrf, pythonJsonErrorText } from "../src/spec/python-json-error.js";
import { drfAvailability, inCi, PYTHON } from "./support/drf-server.js";

const availability = drfAvailability();
const skip = !availability.ok && !inCi();
if (!availability.ok) console.log(`python-json-error: ${inCi() ? "failing (CI)" : "skipped"}: ${availability.reason}`);

/** DRF's parser over base64 bodies read from stdin; prints each ParseError's text, or null. */
const DRF_SCRIPT = `
import base64, io, json, sys
import django
from django.conf import settings
settings.configure()
django.setup()
from rest_framework.exceptions import ParseError
from rest_framework.parsers import JSONParser
out = []
for body in json.load(sys.stdin):
    try:
        JSONParser().parse(io.BytesIO(base64.b64decode(body)))
        out.append(None)
    except ParseError as error:
        out.append(str(error.detail))
print(json.dumps(out))
`;

/** What the mock does with a body: V8 first, Python's words only when V8 refuses. */
function mockText(bytes: Uint8Array): string | null {
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    const decoded = decodeUtf8LikeDrf(bytes);
    if ("error" in decoded) return decoded.error;
    text = decoded.text;
  }
  try {
    JSON.parse(text);
    return null;
  } catch {
    return pythonJsonErrorText(text) ?? "refused by V8 only";
  }
}

const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text);

const HAND_PICKED: readonly (string | Uint8Array)[] = [
  "", " ", "{", "[", "}", "]", "{}", "[]", "tru", "nul", "fals", "-", "1.", "01", "1e", "1e+", ".5", "+1", "--1",
  '{"a":1,}', "[1,]", '{"a":}', '{"a" 1}', '{"a":1 "b":2}', "[1 2]", "{'a':1}", '{a:1}', '{"a":1}}', "[1]]",
  '"abc', '"a\\x"', '"\\u12"', '"\\u12zz"', '"\\ud800\\u12"', '"\\', '"a\u0001"', '"tab\there"', '"line\nbreak"',
  "NaN", "Infinity", "-Infinity", '{"a": NaN}', "[1, Infinity]", "[-Infinity]", "nan", "infinity",
  '{"a":1}\n{"b":2}', '{"a":\n\n  }', '{\n  "a": [1,\n 2,,]}', '"é" x', '["😀", x]', '{"😀😀": tru}',
  "\ufeff{}", "\ufeff", " \ufeff{}", "null", "true false", '{"a":1} ',
  new Uint8Array([0xff]), new Uint8Array([0x7b, 0xc3]), new Uint8Array([0xe2, 0x82]), new Uint8Array([0xe2, 0x28, 0xa1]),
  new Uint8Array([0xc0, 0xaf]), new Uint8Array([0xed, 0xa0, 0x80]), new Uint8Array([0xf0, 0x80, 0x80, 0x80]),
  new Uint8Array([0xf4, 0x90, 0x80, 0x80]), new Uint8Array([0xf5]), new Uint8Array([0x22, 0xf0, 0x9f, 0x98]), new Uint8Array([0x80]),
];

/** Deterministic generated faults: valid documents with one edit each. */
function generated(): Uint8Array[] {
  const documents = [
    '{"name": "bench", "calls": [{"metadata": {"row": "1"}}, {"toNumber": "+15551234567"}], "paused": false}',
    '[1, -2.5e3, true, null, "a\\"b\\\\c\\u00e9", {"k": []}]',
    '{\n  "windowStart": "2026-12-01T09:00:00Z",\n  "emoji": "😀 ok",\n  "n": 0.25\n}',
  ];
  const inserts = ["{", "}", "[", "]", ",", ":", '"', "\\", "x", "1", " ", "\n", "\u0001", "N", "-", "."];
  let seed = 7;
  const next = (limit: number): number => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return Math.floor(seed / 65536) % limit;
  };
  const out: Uint8Array[] = [];
  for (const document of documents) {
    const bytes = utf8(document);
    for (let n = 0; n < 60; n++) {
      const at = next(bytes.length);
      const kind = n % 4;
      if (kind === 0) out.push(new Uint8Array([...bytes.subarray(0, at), ...bytes.subarray(at + 1)]));
      else if (kind === 1) out.push(new Uint8Array([...bytes.subarray(0, at), ...utf8(inserts[next(inserts.length)] ?? "x"), ...bytes.subarray(at)]));
      else if (kind === 2) out.push(bytes.subarray(0, at));
      else out.push(new Uint8Array([...bytes.subarray(0, at), 0x80 + next(0x80), ...bytes.subarray(at + 1)]));
    }
  }
  return out;
}

describe.skipIf(skip)("an unreadable JSON body gets DRF's 400 text", () => {
  it("is Python's message, line, column and character offset for every fault", () => {
    if (!availability.ok) throw new Error(`CI is set, so the comparison with DRF must run: ${availability.reason}`);
    const bodies = [...HAND_PICKED.map((body) => (typeof body === "string" ? utf8(body) : body)), ...generated()];
    const input = JSON.stringify(bodies.map((body) => Buffer.from(body).toString("base64")));
    const drf = JSON.parse(execFileSync(PYTHON, ["-c", DRF_SCRIPT], { input, encoding: "utf8" })) as (string | null)[];
    const rows = bodies.map((body, i) => ({ body: Buffer.from(body).toString("latin1"), drf: drf[i], mock: mockText(body) }));
    // Every row of the table: the empty body is DRF's only disagreement with its own parser
    // (DRF's request reads no body at all then), so it is compared like every other.
    expect(rows.filter((row) => row.drf !== row.mock)).toEqual([]);
    // The table really holds faults of every kind Python names, so the comparison above covers them.
    const kinds = [
      "Expecting ',' delimiter",
      "Expecting ':' delimiter",
      "Expecting property name enclosed in double quotes",
      "Expecting value",
      "Extra data",
      "Invalid \\escape",
      "Invalid \\uXXXX escape",
      "Invalid control character at",
      "Out of range float values are not JSON compliant: 'NaN'",
      "Out of range float values are not JSON compliant: '-Infinity'",
      "Unexpected UTF-8 BOM",
      "invalid start byte",
      "invalid continuation byte",
      "Unterminated string starting at",
    ];
    expect(kinds.filter((kind) => !drf.some((text) => text?.includes(kind)))).toEqual([]);
    expect(drf.filter((text) => text === null).length).toBeGreaterThan(5);
    expect(drf.filter((text) => text?.includes("can't decode bytes in position")).length).toBeGreaterThan(0);
  });
});
