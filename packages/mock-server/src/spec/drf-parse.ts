import { asArray, isObject, type JsonObject } from "../internal/json.js";

/** DRF's BooleanField words (any case): what it reads as true and as false. */
const TRUE_WORDS = new Set(["t", "y", "yes", "true", "on", "1"]);
const FALSE_WORDS = new Set(["f", "n", "no", "false", "off", "0"]);
const INTEGER_TEXT = /^\s*[-+]?\d+(?:\.0*)?\s*$/;
const NUMBER_TEXT = /^\s*[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?\s*$/;
/** Schemas converted from Ultravox's protobuf messages: read by a protobuf JSON parser, not DRF fields. */
const PROTOBUF_PREFIX = "#/components/schemas/ultravox.v1.";
const REF_PREFIX = "#/components/schemas/";

/**
 * Reads a request body's values as DRF's serializer fields read them before validating, in place:
 * an integer field takes a numeric string ("7", "5.0"), a number field a numeric string, a boolean
 * field DRF's words (yes/no, on/off, true/false, t/f, y/n, 1/0, any case) and the numbers 1 and 0,
 * a plain string field (no format, so a CharField) a number. Everything else is left for the
 * schema to refuse. Not applied inside the protobuf-derived schemas (`ultravox.v1.*`), which the
 * API reads with a protobuf JSON parser rather than DRF fields. Returns the value to validate.
 */
export function parseLikeDrf(value: unknown, schema: unknown, schemas: JsonObject, depth = 0): unknown {
  if (depth > 16 || !isObject(schema)) return value;
  const ref = schema["$ref"];
  if (typeof ref === "string") {
    if (ref.startsWith(PROTOBUF_PREFIX) || !ref.startsWith(REF_PREFIX)) return value;
    return parseLikeDrf(value, schemas[ref.slice(REF_PREFIX.length)], schemas, depth + 1);
  }
  const branches = [...asArray(schema["allOf"]), ...asArray(schema["anyOf"]), ...asArray(schema["oneOf"])].filter((b) => !(isObject(b) && b["type"] === "null"));
  if (schema["type"] === undefined && schema["properties"] === undefined && branches.length === 1) return parseLikeDrf(value, branches[0], schemas, depth + 1);
  if (isObject(value)) {
    const properties = isObject(schema["properties"]) ? schema["properties"] : {};
    const additional = schema["additionalProperties"];
    for (const [name, item] of Object.entries(value)) {
      const field = properties[name] ?? (isObject(additional) ? additional : undefined);
      if (field !== undefined) value[name] = parseLikeDrf(item, field, schemas, depth + 1);
    }
    for (const part of asArray(schema["allOf"])) parseLikeDrf(value, part, schemas, depth + 1);
    return value;
  }
  if (Array.isArray(value)) {
    if (isObject(schema["items"])) for (let i = 0; i < value.length; i++) value[i] = parseLikeDrf(value[i], schema["items"], schemas, depth + 1);
    return value;
  }
  return scalar(value, schema);
}

function scalar(value: unknown, schema: JsonObject): unknown {
  switch (schema["type"]) {
    case "integer":
      return typeof value === "string" && INTEGER_TEXT.test(value) ? Number.parseInt(value, 10) : value;
    case "number":
      return typeof value === "string" && NUMBER_TEXT.test(value) ? Number(value) : value;
    case "boolean":
      if (typeof value === "string") {
        const word = value.toLowerCase();
        if (TRUE_WORDS.has(word)) return true;
        if (FALSE_WORDS.has(word)) return false;
      }
      if (value === 1 || value === 0) return value === 1;
      return value;
    case "string":
      return typeof value === "number" && schema["format"] === undefined ? String(value) : value;
    default:
      return value;
  }
}

/** V8's JSON.parse messages and the words Python's json module (DRF's parser) uses for the same fault. */
const PYTHON_JSON_WORDS: readonly [RegExp, string][] = [
  [/property name/i, "Expecting property name enclosed in double quotes"],
  [/':' after property name/i, "Expecting ':' delimiter"],
  [/',' or '[}\]]'/i, "Expecting ',' delimiter"],
  [/non-whitespace character after JSON/i, "Extra data"],
  [/control character/i, "Invalid control character at"],
  [/unterminated string/i, "Unterminated string starting at"],
];

/**
 * DRF's text for a body that is not JSON: `JSON parse error - ` and Python's json message with
 * its line, column and character offset (`Expecting value: line 1 column 1 (char 0)`), from the
 * error V8's JSON.parse gave for `text`.
 */
export function jsonParseErrorText(text: string, error: unknown): string {
  const message = error instanceof Error ? error.message : "";
  const at = /position (\d+)/.exec(message);
  const position = at === null ? text.length : Number(at[1]);
  const words = PYTHON_JSON_WORDS.find(([pattern]) => pattern.test(message))?.[1] ?? "Expecting value";
  const before = text.slice(0, position);
  const line = before.split("\n").length;
  const column = position - (before.lastIndexOf("\n") + 1) + 1;
  return `JSON parse error - ${words}: line ${line} column ${column} (char ${position})`;
}
