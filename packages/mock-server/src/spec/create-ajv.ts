import { Ajv, type Options } from "ajv";
import formatsModule from "ajv-formats";

// ajv-formats is CommonJS; under NodeNext its default export is reached through `.default`.
const addFormats = formatsModule.default;

/** OpenAPI formats that only document a number's width or a string's use: nothing to check. */
const DOCUMENTARY_FORMATS = ["int32", "int64", "uint32", "float", "double", "enum", "binary", "byte", "password"];

/** An ajv instance that knows every format this spec uses. */
export function createAjv(options: Options = {}): Ajv {
  const ajv = new Ajv({ allErrors: true, strict: false, verbose: true, inlineRefs: false, validateSchema: false, ...options });
  addFormats(ajv, { mode: "full", formats: ["date-time", "date", "uri", "uuid", "email"] });
  // Query strings such as timeOfDayStart carry wall-clock times without a zone.
  ajv.addFormat("time", /^(?:[01]\d|2[0-3]):[0-5]\d(?::[0-5]\d(?:\.\d+)?)?(?:z|[+-]\d\d(?::?\d\d)?)?$/i);
  ajv.addFormat("ipv4-cidr", /^(?:(?:25[0-5]|2[0-4]\d|1?\d?\d)\.){3}(?:25[0-5]|2[0-4]\d|1?\d?\d)\/(?:3[0-2]|[12]?\d)$/);
  for (const format of DOCUMENTARY_FORMATS) ajv.addFormat(format, true);
  return ajv;
}
