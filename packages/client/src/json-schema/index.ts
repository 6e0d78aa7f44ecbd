export { toJsonSchema, type SchemaDirection } from "./to-json-schema.js";
