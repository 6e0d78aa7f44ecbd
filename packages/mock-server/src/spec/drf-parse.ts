import { asArray, isObject, type JsonObject } from "../internal/json.js";

/** DRF's BooleanField words (any case): what it reads as true and as false. */
const TRUE_WORDS = new Set(["t", "y", "yes", "true", "on", "1"]);
const FALSE_WORDS = new Set(["f", "n", "no", "false", "off", "0"]);
const INTEGER_TEXT = /^\s*[-+]?\d+(?:\.0*)?\s*$/;
const NUMBER_TEXT = /^\s*[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?\s*$/;
/** Schemas converted from Ultravox's protobuf messages: read by a protobuf JSON parser, not DRF fields. */
const PROTOBUF_PREFIX = "#/components/schemas/ultravox.v1.";
const REF_PREFIX = "#/components/schemas/";
/** Python's `str.strip()` whitespace (`str.isspace()`), which DRF's CharField strips: not JS's `trim()` set. */
const PYTHON_SPACE = "\\t\\n\\v\\f\\r\\x1c-\\x1f \\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000";
const PYTHON_STRIP = new RegExp(`^[${PYTHON_SPACE}]+|[${PYTHON_SPACE}]+$`, "g");
/** Formats drf-spectacular gives CharField's subclasses (URLField, EmailField, IPAddressField): they strip too. */
const CHAR_FIELD_FORMATS = new Set(["uri", "email", "ipv4", "ipv6", "hostname", "slug"]);

/**
 * Reads a request body's values as DRF's serializer fields read them before validating, in place:
 * an integer field takes a numeric string ("7", "5.0"), a number field a numeric string, a boolean
 * field DRF's words (yes/no, on/off, true/false, t/f, y/n, 1/0, any case) and the numbers 1 and 0,
 * a plain string field (no format, so a CharField) a number; a CharField (a string with no enum, and
 * no format or a CharField subclass's: `uri`, `email`, …) is stripped of leading and trailing
 * whitespace as Python's `str.strip()` does (`trim_whitespace`, on by default), so `"  a "` is stored
 * as `"a"` and length limits apply to what is left. Everything else is left for the
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
    case "string": {
      const format = schema["format"];
      if (typeof value === "number" && format === undefined) return String(value);
      const charField = format === undefined || (typeof format === "string" && CHAR_FIELD_FORMATS.has(format));
      return typeof value === "string" && charField && schema["enum"] === undefined ? value.replace(PYTHON_STRIP, "") : value;
    }
    default:
      return value;
  }
}
