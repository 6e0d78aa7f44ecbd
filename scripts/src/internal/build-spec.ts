import { stringify } from "yaml";
import { SpecError } from "../spec-error.js";
import { applyOverlay } from "./apply-overlay.js";
import type { LoadedOverlays } from "./load-overlays.js";
import { countSpec, parseOpenApi, type OpenApiDocument, type SpecCounts } from "./parse-openapi.js";
import { sha256 } from "./sha256.js";

export interface BuiltSpec {
  readonly sourceSha256: string;
  readonly upstream: OpenApiDocument;
  readonly counts: SpecCounts;
  /** The overlaid document, parsed (what `text` holds): read-only, since `text` is written from it when first read. */
  readonly doc: OpenApiDocument;
  /** The overlaid document as written to spec/openapi.yaml, stamp line first (YAML-stringified on first read). */
  readonly text: string;
}

const STAMP = /^# ultravox-spec source-sha256=([0-9a-f]{64}) overlays-sha256=([0-9a-f]{64})$/;

export function stampLine(sourceSha256: string, overlaysSha256: string): string {
  return `# ultravox-spec source-sha256=${sourceSha256} overlays-sha256=${overlaysSha256}`;
}

/** Reads the stamp from the first line of a built spec, so a match costs no YAML parse. */
export function readStamp(text: string): { source: string; overlays: string } | undefined {
  const m = STAMP.exec(text.slice(0, text.indexOf("\n")));
  return m?.[1] && m[2] ? { source: m[1], overlays: m[2] } : undefined;
}

/**
 * Parse, check and validate upstream's document (Redocly: its structure and `$ref`s, with messages
 * that point into upstream's text), apply the overlays, then validate the overlaid document strictly
 * against the official OpenAPI JSON Schema of its version; throws SpecError on the first problem.
 */
export async function buildSpec(bytes: Uint8Array, origin: string, overlays: LoadedOverlays): Promise<BuiltSpec> {
  // Loaded on demand: the validators are heavy, and a spec that already matches its lock never needs them.
  const { validateOpenApi } = await import("./validate-openapi.js");
  const { validateAgainstOpenApiSchema } = await import("./validate-openapi-schema.js");
  const text = new TextDecoder().decode(bytes);
  const upstream = parseOpenApi(text, origin);
  await validateOpenApi(text, origin, upstream);
  const doc = structuredClone(upstream);
  for (const { file, overlay } of overlays.overlays) {
    try {
      applyOverlay(doc, overlay);
    } catch (error) {
      throw new SpecError(`overlay spec/overlays/${file} failed on ${origin}: ${String(error)}`, { cause: error });
    }
  }
  await validateAgainstOpenApiSchema(doc, `${origin} with our overlays`);
  const sourceSha256 = sha256(bytes);
  let written: string | undefined;
  return {
    sourceSha256,
    upstream,
    counts: countSpec(upstream),
    doc,
    // Written out only when read: YAML's stringify takes about a second on this API's spec, and the
    // history replays, which read the document alone, build 114 of them.
    get text(): string {
      written ??= `${stampLine(sourceSha256, overlays.sha256)}\n# Built from spec/spec.lock.json by pnpm spec:pull or spec:ensure, with spec/overlays applied: do not edit.\n${stringify(doc, { lineWidth: 0, aliasDuplicateObjects: false })}`;
      return written;
    },
  };
}
