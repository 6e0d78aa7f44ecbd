import { parseOpenApi } from "../../src/internal/parse-openapi.js";
import { diffSpecs } from "../../src/spec-diff.js";

/** Most severe first, as a reader ranks them (kept here so a table row states its class on its own). */
const SEVERITY = ["breaking", "runtime-breaking", "additive", "docs", "none"];

/** Every change of a diff as `<class> <message>` (class `none` included), sorted; and the diff. */
export function diffLines(oldDoc: unknown, newDoc: unknown) {
  const diff = diffSpecs(
    { origin: "old.json", doc: parseOpenApi(JSON.stringify(oldDoc), "old.json") },
    { origin: "new.json", doc: parseOpenApi(JSON.stringify(newDoc), "new.json") },
  );
  const lines = [...diff.operations, ...diff.schemas, ...diff.document]
    .flatMap((e) => e.changes)
    .map((c) => `${c.class} ${c.message}`)
    .sort();
  return { diff, lines };
}

/** The class a list of `<class> <message>` lines adds up to: the most severe, `none` for none. */
export function worst(lines: readonly string[]): string {
  const classes = lines.map((l) => l.split(" ")[0] ?? "");
  return SEVERITY.find((c) => classes.includes(c)) ?? "none";
}
