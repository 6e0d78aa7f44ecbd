/**
 * The text DRF's `JSONParser` puts in its 400 for a body it cannot read: `JSON parse error - ` and
 * the message of the Python exception it caught. DRF decodes the body as UTF-8 and reads it with
 * Python's `json` module in strict mode (`STRICT_JSON`: NaN and the infinities refused), so the
 * message names Python's position (line, column, and the character offset counted in code points,
 * not UTF-16 units) and Python's words, which V8's JSON.parse messages do not give. This scanner
 * follows CPython 3.11's `json` scanner (the C one DRF runs) only far enough to find its first error.
 */

const PREFIX = "JSON parse error - ";
const WHITESPACE = new Set([" ", "\t", "\n", "\r"]);
const ESCAPES = new Set(['"', "\\", "/", "b", "f", "n", "r", "t"]);
const NUMBER = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][-+]?\d+)?/;
const HEX4 = /^[0-9a-fA-F]{4}$/;

/** Python's `JSONDecodeError` text: the message and where, as `line L column C (char N)`. */
class PythonJsonError extends Error {
  constructor(message: string, chars: readonly string[], at: number) {
    let line = 1;
    let lineStart = 0;
    for (let i = 0; i < at; i++) {
      if (chars[i] === "\n") {
        line++;
        lineStart = i + 1;
      }
    }
    super(`${message}: line ${String(line)} column ${String(at - lineStart + 1)} (char ${String(at)})`);
  }
}

/** DRF's strict mode turns Python's NaN, Infinity and -Infinity into this error. */
class OutOfRangeConstant extends Error {}

/**
 * DRF's 400 text for a JSON body that V8 refused, or `undefined` when Python would have read it
 * (no such text exists today; the caller keeps V8's verdict then).
 */
export function pythonJsonErrorText(text: string): string | undefined {
  const chars = Array.from(text);
  if (chars[0] === "\ufeff") return `${PREFIX}${new PythonJsonError("Unexpected UTF-8 BOM (decode using utf-8-sig)", chars, 0).message}`;
  try {
    const start = skipWhitespace(chars, 0);
    const end = skipWhitespace(chars, scanValue(chars, start, "Expecting value"));
    if (end !== chars.length) throw new PythonJsonError("Extra data", chars, end);
    return undefined;
  } catch (error) {
    if (error instanceof PythonJsonError || error instanceof OutOfRangeConstant) return `${PREFIX}${error.message}`;
    throw error;
  }
}

function skipWhitespace(chars: readonly string[], at: number): number {
  let i = at;
  while (i < chars.length && WHITESPACE.has(chars[i] ?? "")) i++;
  return i;
}

/** Reads one value at `at` and returns the index after it; `missing` is the error when none starts there. */
function scanValue(chars: readonly string[], at: number, missing: string): number {
  const char = chars[at];
  const rest = (length: number) => chars.slice(at, at + length).join("");
  if (char === '"') return scanString(chars, at + 1);
  if (char === "{") return scanObject(chars, at + 1);
  if (char === "[") return scanArray(chars, at + 1);
  if (char === "n" && rest(4) === "null") return at + 4;
  if (char === "t" && rest(4) === "true") return at + 4;
  if (char === "f" && rest(5) === "false") return at + 5;
  if (char === "N" && rest(3) === "NaN") throw new OutOfRangeConstant("Out of range float values are not JSON compliant: 'NaN'");
  if (char === "I" && rest(8) === "Infinity") throw new OutOfRangeConstant("Out of range float values are not JSON compliant: 'Infinity'");
  if (char === "-" && rest(9) === "-Infinity") throw new OutOfRangeConstant("Out of range float values are not JSON compliant: '-Infinity'");
  const number = NUMBER.exec(rest(chars.length - at));
  if (number === null) throw new PythonJsonError(missing, chars, at);
  return at + number[0].length;
}

/** `at` is just past the opening quote. */
function scanString(chars: readonly string[], at: number): number {
  const begin = at - 1;
  let i = at;
  for (;;) {
    const char = chars[i];
    if (char === undefined) throw new PythonJsonError("Unterminated string starting at", chars, begin);
    if (char === '"') return i + 1;
    if (char === "\\") {
      const escape = chars[i + 1];
      if (escape === undefined) throw new PythonJsonError("Unterminated string starting at", chars, begin);
      if (escape === "u") {
        if (!HEX4.test(chars.slice(i + 2, i + 6).join(""))) throw new PythonJsonError("Invalid \\uXXXX escape", chars, i + 1);
        i += 6;
      } else {
        if (!ESCAPES.has(escape)) throw new PythonJsonError("Invalid \\escape", chars, i);
        i += 2;
      }
      continue;
    }
    if (char.codePointAt(0) !== undefined && (char.codePointAt(0) ?? 0) <= 0x1f) throw new PythonJsonError("Invalid control character at", chars, i);
    i++;
  }
}

/** `at` is just past `{`. */
function scanObject(chars: readonly string[], at: number): number {
  let i = skipWhitespace(chars, at);
  if (chars[i] === "}") return i + 1;
  for (;;) {
    if (chars[i] !== '"') throw new PythonJsonError("Expecting property name enclosed in double quotes", chars, i);
    i = skipWhitespace(chars, scanString(chars, i + 1));
    if (chars[i] !== ":") throw new PythonJsonError("Expecting ':' delimiter", chars, i);
    i = skipWhitespace(chars, scanValue(chars, skipWhitespace(chars, i + 1), "Expecting value"));
    if (chars[i] === "}") return i + 1;
    if (chars[i] !== ",") throw new PythonJsonError("Expecting ',' delimiter", chars, i);
    i = skipWhitespace(chars, i + 1);
  }
}

/** `at` is just past `[`. */
function scanArray(chars: readonly string[], at: number): number {
  let i = skipWhitespace(chars, at);
  if (chars[i] === "]") return i + 1;
  for (;;) {
    i = skipWhitespace(chars, scanValue(chars, i, "Expecting value"));
    if (chars[i] === "]") return i + 1;
    if (chars[i] !== ",") throw new PythonJsonError("Expecting ',' delimiter", chars, i);
    i = skipWhitespace(chars, i + 1);
  }
}

/**
 * A body as DRF's UTF-8 stream reader decodes it: Python's `UnicodeDecodeError` text (`JSON parse
 * error - 'utf-8' codec can't decode byte 0xff in position 0: invalid start byte`, positions in
 * bytes) for a bad sequence, or the text. The reader decodes without `final`, so a sequence cut off
 * at the very end is not an error: it waits in the reader's buffer and never reaches the parser.
 */
export function decodeUtf8LikeDrf(bytes: Uint8Array): { readonly text: string } | { readonly error: string } {
  for (let i = 0; i < bytes.length; ) {
    const lead = bytes[i] ?? 0;
    const length = lead < 0x80 ? 1 : lead < 0xc2 ? 0 : lead < 0xe0 ? 2 : lead < 0xf0 ? 3 : lead < 0xf5 ? 4 : 0;
    if (length === 0) return { error: codecError(bytes, i, i + 1, "invalid start byte") };
    for (let k = 1; k < length; k++) {
      if (i + k >= bytes.length) return { text: new TextDecoder("utf-8", { ignoreBOM: true }).decode(bytes.subarray(0, i)) };
      const byte = bytes[i + k] ?? 0;
      const [low, high] = k === 1 ? secondByteRange(lead) : [0x80, 0xbf];
      if (byte < low || byte > high) return { error: codecError(bytes, i, i + k, "invalid continuation byte") };
    }
    i += length;
  }
  return { text: new TextDecoder("utf-8", { ignoreBOM: true }).decode(bytes) };
}

/** The second byte's range by lead byte: no overlong forms, no surrogates, nothing past U+10FFFF. */
function secondByteRange(lead: number): readonly [number, number] {
  if (lead === 0xe0) return [0xa0, 0xbf];
  if (lead === 0xed) return [0x80, 0x9f];
  if (lead === 0xf0) return [0x90, 0xbf];
  if (lead === 0xf4) return [0x80, 0x8f];
  return [0x80, 0xbf];
}

function codecError(bytes: Uint8Array, start: number, end: number, reason: string): string {
  const where =
    end - start === 1
      ? `byte 0x${(bytes[start] ?? 0).toString(16).padStart(2, "0")} in position ${String(start)}`
      : `bytes in position ${String(start)}-${String(end - 1)}`;
  return `${PREFIX}'utf-8' codec can't decode ${where}: ${reason}`;
}
