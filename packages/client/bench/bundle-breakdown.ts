// Where a bundle's bytes go, per source module: its minified bytes (from the source map) and its gzip
// marginal (the bundle's gzip size minus the gzip size of the bundle without that module's bytes), so the
// modules worth shrinking stand out. Marginals overlap a little (shared strings compress once).
import { gzipSync } from "node:zlib";

const BASE64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/** One source-map segment's fields (Base64 VLQ). */
function decodeSegment(segment: string): number[] {
  const fields: number[] = [];
  let value = 0;
  let shift = 0;
  for (const char of segment) {
    const digit = BASE64.indexOf(char);
    value += (digit & 31) << shift;
    if (digit & 32) shift += 5;
    else {
      fields.push(value & 1 ? -(value >> 1) : value >> 1);
      value = 0;
      shift = 0;
    }
  }
  return fields;
}

function without(code: string, owners: number[], owner: number): string {
  let kept = "";
  for (let i = 0; i < code.length; i++) if (owners[i] !== owner) kept += code.charAt(i);
  return kept;
}

export interface ModuleBytes {
  readonly module: string;
  readonly "min bytes": number;
  readonly "gzip marginal": number;
}

/** Per-module bytes of `code` (minified, one or more lines) given its source map's `sources` and `mappings`. */
export function bundleBreakdown(code: string, map: { sources: string[]; mappings: string }): ModuleBytes[] {
  const owners: number[] = [];
  const mappingLines = map.mappings.split(";");
  let source = 0;
  code.split("\n").forEach((line, index) => {
    const marks: [column: number, source: number][] = [];
    let column = 0;
    for (const segment of (mappingLines[index] ?? "").split(",").filter(Boolean)) {
      const [columnDelta = 0, sourceDelta] = decodeSegment(segment);
      column += columnDelta;
      if (sourceDelta !== undefined) source += sourceDelta;
      marks.push([column, source]);
    }
    let mark = 0;
    let owner = -1;
    for (let c = 0; c <= line.length; c++) {
      while (mark < marks.length && (marks[mark]?.[0] ?? Infinity) <= c) owner = marks[mark++]?.[1] ?? -1;
      owners.push(owner);
    }
  });
  const gzip = (text: string): number => gzipSync(text, { level: 9 }).length;
  const full = gzip(code);
  return [...new Set(owners)]
    .map((owner) => ({
      module: (map.sources[owner] ?? "(glue)").replace(/^.*node_modules\/openapi-fetch\//, "openapi-fetch/").replace(/^(\.\.\/)+/, ""),
      "min bytes": owners.filter((o) => o === owner).length,
      "gzip marginal": full - gzip(without(code, owners, owner)),
    }))
    .filter((row) => row["min bytes"] > 1)
    .sort((a, b) => b["gzip marginal"] - a["gzip marginal"]);
}
