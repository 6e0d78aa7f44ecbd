import type { ErrorObject } from "ajv";

/** The DRF field an OpenAPI schema stands for, as far as error shapes and messages go. */
export type FieldKind = "serializer" | "serializer-list" | "list" | "dict" | "scalar" | "unknown";

const FORMAT_MESSAGES: Record<string, string> = {
  uuid: "Must be a valid UUID.",
  "date-time": "Datetime has wrong format. Use one of these formats instead: YYYY-MM-DDThh:mm[:ss[.uuuuuu]][+HH:MM|-HH:MM|Z].",
  date: "Date has wrong format. Use one of these formats instead: YYYY-MM-DD.",
  time: "Time has wrong format. Use one of these formats instead: hh:mm[:ss[.uuuuuu]].",
  uri: "Enter a valid URL.",
  email: "Enter a valid email address.",
  "ipv4-cidr": "Enter a valid IPv4 network.",
};

/** A serializer field's message (rest_framework/fields.py's default_error_messages). */
export function serializerMessage(error: ErrorObject, kind: FieldKind): string {
  const params = error.params as Record<string, unknown>;
  const limit = typeof params["limit"] === "number" ? params["limit"] : 0;
  switch (error.keyword) {
    case "required":
      return "This field is required.";
    case "additionalProperties":
      return "Unknown field.";
    case "type":
      return typeMessage(String(params["type"]), error.data, kind);
    case "enum":
      return `"${preview(error.data)}" is not a valid choice.`;
    case "format":
      return FORMAT_MESSAGES[String(params["format"])] ?? "Invalid format.";
    case "maxLength":
      return `Ensure this field has no more than ${limit} characters.`;
    case "minLength":
      // CharField checks blank before its length validators.
      return error.data === "" ? "This field may not be blank." : `Ensure this field has at least ${limit} characters.`;
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

/** A Django form field's message, as django-filter reports a query parameter it cannot read. */
export function formMessage(error: ErrorObject): string {
  const params = error.params as Record<string, unknown>;
  const limit = typeof params["limit"] === "number" ? params["limit"] : 0;
  const format = String(params["format"]);
  switch (error.keyword) {
    case "required":
      return "This field is required.";
    case "additionalProperties":
      return "Unknown field.";
    case "enum":
      return `Select a valid choice. ${preview(error.data)} is not one of the available choices.`;
    case "type": {
      const type = String(params["type"]).split(",")[0];
      if (type === "integer") return "Enter a whole number.";
      if (type === "number") return "Enter a number.";
      if (type === "boolean") return "Enter a valid boolean.";
      return "Enter a valid value.";
    }
    case "format":
      if (format === "date-time") return "Enter a valid date/time.";
      if (format === "date") return "Enter a valid date.";
      if (format === "uuid") return "Enter a valid UUID.";
      if (format === "time") return "Enter a valid time.";
      return FORMAT_MESSAGES[format] ?? "Enter a valid value.";
    case "maximum":
      return `Ensure this value is less than or equal to ${limit}.`;
    case "minimum":
      return `Ensure this value is greater than or equal to ${limit}.`;
    case "maxLength":
      return `Ensure this value has at most ${characters(limit)} (it has ${lengthOf(error.data)}).`;
    case "minLength":
      return `Ensure this value has at least ${characters(limit)} (it has ${lengthOf(error.data)}).`;
    default:
      return "Enter a valid value.";
  }
}

function typeMessage(type: string, data: unknown, kind: FieldKind): string {
  if (data === null) return "This field may not be null.";
  const got = pythonType(data);
  if (kind === "serializer") return `Invalid data. Expected a dictionary, but got ${got}.`;
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

/** The Python type `json.loads` gives a JSON value, as DRF names it in messages. */
function pythonType(value: unknown): string {
  if (value === null) return "NoneType";
  if (Array.isArray(value)) return "list";
  switch (typeof value) {
    case "string":
      return "str";
    case "boolean":
      return "bool";
    case "number":
      return Number.isInteger(value) ? "int" : "float";
    default:
      return "dict";
  }
}

/** Django's Max/MinLengthValidator words: "1 character", "3 characters". */
function characters(limit: number): string {
  return `${limit} character${limit === 1 ? "" : "s"}`;
}

/** Python's len() of a string: code points, not UTF-16 units. */
function lengthOf(value: unknown): number {
  return Array.from(String(value)).length;
}

/** The value as DRF's and Django's choice messages show it: whole, as Python's `str()` gives it. */
function preview(value: unknown): string {
  return typeof value === "string" ? value : pythonRepr(value);
}

/** Python's `repr()` of what `json.loads` gives for a JSON value (`True`, `None`, `{'k': [1, 'a']}`). */
function pythonRepr(value: unknown): string {
  if (typeof value === "boolean") return value ? "True" : "False";
  if (typeof value === "string") return pythonString(value);
  if (Array.isArray(value)) return `[${value.map(pythonRepr).join(", ")}]`;
  if (typeof value === "object" && value !== null) return `{${Object.entries(value).map(([key, item]) => `${pythonString(key)}: ${pythonRepr(item)}`).join(", ")}}`;
  return typeof value === "number" ? String(value) : "None";
}

function pythonString(text: string): string {
  const quote = text.includes("'") && !text.includes('"') ? '"' : "'";
  const escaped = text.replace(/\\/g, "\\\\").replace(/\n/g, "\\n").replace(/\r/g, "\\r").replace(/\t/g, "\\t");
  return quote + (quote === "'" ? escaped.replace(/'/g, "\\'") : escaped) + quote;
}
