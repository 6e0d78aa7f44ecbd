/**
 * Build step (`pnpm generate`): reads the locked spec and writes src/generated/query-styles.ts, the
 * object-valued query parameters of every operation and how the API reads them. The client's query
 * serializer uses it, so no parameter name is hard-coded in the client.
 */
import { readFile, writeFile, mkdir } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { ensureLockedSpec, GENERATED_HEADER, parseOpenApi } from "@ultravox-api/scripts";
import { objectQueryStyles } from "./object-query-styles.js";

const out = fileURLToPath(new URL("../src/generated/query-styles.ts", import.meta.url));
const { text } = await ensureLockedSpec();
const styles = objectQueryStyles(parseOpenApi(text, "spec/openapi.yaml"));
const code =
  `${GENERATED_HEADER}\n` +
  `/** Object-valued query parameters by name, and the form the API reads them in (see tools/object-query-styles.ts). */\n` +
  `export const OBJECT_QUERY_STYLES: Readonly<Partial<Record<string, "dotted" | "form">>> = ${JSON.stringify(styles)};\n`;
await mkdir(new URL("../src/generated/", import.meta.url), { recursive: true });
if ((await readFile(out, "utf8").catch(() => undefined)) !== code) await writeFile(out, code);
