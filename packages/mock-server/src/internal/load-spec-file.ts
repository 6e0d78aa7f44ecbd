import { readFile } from "node:fs/promises";
import { parse } from "yaml";
import { isObject, type JsonObject } from "./json.js";

/** Reads an OpenAPI document from a JSON or YAML file. */
export async function loadSpecFile(path: string): Promise<JsonObject> {
  const text = await readFile(path, "utf8");
  const document: unknown = text.trimStart().startsWith("{") ? JSON.parse(text) : parse(text, { maxAliasCount: 10_000 });
  if (!isObject(document) || !isObject(document["paths"])) throw new Error(`${path} is not an OpenAPI document (no paths)`);
  return document;
}
