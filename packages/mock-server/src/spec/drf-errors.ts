import type { ErrorObject } from "ajv";
import { bareObject, isObject, type JsonObject } from "../internal/json.js";

/**
 * Turns ajv errors into a Django REST Framework validation body: `{"field": ["message"]}`,
 * nested for nested objects (`{"callTemplate": {"voice": [...]}}`), `non_field_errors` for the
 * root. Every bad field is named once, with DRF's wording where DRF has one.
 */
export function toFieldErrors(errors: readonly ErrorObject[]): JsonObject {
  const body = bareObject();
  const specific = errors.filter((error) => !COMPOSITE.has(error.keyword));
  const chosen = specific.length > 0 ? specific : errors;
  for (const error of chosen) {
    const path = error.instancePath === "" ? [] : error.instancePath.slice(1).split("/").map(unescapePointer);
    const params = error.params as Record<string, unknown>;
    if (error.keyword === "required" && typeof params["missingProperty"] === "string") path.push(params["missingProperty"]);
    if (error.keyword === "additionalProperties" && typeof params["additionalProperty"] === "string") {
      path.push(params["additionalProperty"]);
    }
    addMessage(body, path.length === 0 ? ["non_field_errors"] : path, messageFor(error));
  }
  return body;
}

const COMPOSITE = new Set(["anyOf", "oneOf", "allOf", "if", "not"]);

function unescapePointer(segment: string): string {
  return segment.replace(/~1/g, "/").replace(/~0/g, "~");
}

function addMessage(body: JsonObject, path: readonly string[], message: string): void {
  let node = body;
  for (const key of path.slice(0, -1)) {
    const next = node[key];
    if (Array.isArray(next)) return; // This field already has a message of its own.
    if (!isObject(next)) {
      const created = bareObject();
      node[key] = created;
      node = created;
    } else {
      node = next;
    }
  }
  const leaf = path[path.length - 1] ?? "non_field_errors";
  const existing = node[leaf];
  if (isObject(existing)) return;
  const messages = Array.isArray(existing) ? (existing as string[]) : [];
  if (!messages.includes(message)) messages.push(message);
  node[leaf] = messages;
}

const FORMAT_MESSAGES: Record<string, string> = {
  uuid: "Must be a valid UUID.",
  "date-time": "Datetime has wrong format. Use one of these formats instead: YYYY-MM-DDThh:mm[:ss[.uuuuuu]][+HH:MM|-HH:MM|Z].",
  date: "Date has wrong format. Use one of these formats instead: YYYY-MM-DD.",
  time: "Time has wrong format. Use one of these formats instead: hh:mm[:ss[.uuuuuu]].",
  uri: "Enter a valid URL.",
  email: "Enter a valid email address.",
  "ipv4-cidr": "Enter a valid IPv4 network.",
};

function messageFor(error: ErrorObject): string {
  const params = error.params as Record<string, unknown>;
  const limit = typeof params["limit"] === "number" ? params["limit"] : 0;
  switch (error.keyword) {
    case "required":
      return "This field is required.";
    case "additionalProperties":
      return "Unknown field.";
    case "type":
      return typeMessage(String(params["type"]), error.data);
    case "enum":
      return `"${preview(error.data)}" is not a valid choice.`;
    case "format":
      return FORMAT_MESSAGES[String(params["format"])] ?? "Invalid format.";
    case "maxLength":
      return `Ensure this field has no more than ${limit} characters.`;
    case "minLength":
      return limit <= 1 ? "This field may not be blank." : `Ensure this field has at least ${limit} characters.`;
    case "maximum":
      return `Ensure this value is less than or equal to ${limit}.`;
    case "minimum":
      return `Ensure this value is greater than or equal to ${limit}.`;
    case "maxItems":
      return `Ensure this field has no more than ${limit} elements.`;
    case "minItems":
      return limit <= 1 ? "This list may not be empty." : `Ensure this field has at least ${limit} elements.`;
    case "pattern":
      return "This value does not match the required pattern.";
    default:
      return "Invalid value.";
  }
}

function typeMessage(type: string, data: unknown): string {
  if (data === null) return "This field may not be null.";
  const got = Array.isArray(data) ? "list" : typeof data === "object" ? "dict" : typeof data;
  switch (type.split(",")[0]) {
    case "string":
      return "Not a valid string.";
    case "integer":
      return "A valid integer is required.";
    case "number":
      return "A valid number is required.";
    case "boolean":
      return "Must be a valid boolean.";
    case "array":
      return `Expected a list of items but got type "${got}".`;
    case "object":
      return `Expected a dictionary of items but got type "${got}".`;
    default:
      return "Invalid value.";
  }
}

function preview(value: unknown): string {
  const text = typeof value === "string" ? value : ((JSON.stringify(value) as string | undefined) ?? "");
  return text.length > 60 ? `${text.slice(0, 60)}…` : text;
}
