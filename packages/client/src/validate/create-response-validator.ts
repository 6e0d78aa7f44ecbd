import type { Middleware } from "openapi-fetch";
import { UltravoxResponseValidationError } from "../errors/ultravox-response-validation-error.js";
import { checkResponse, declaredResponse } from "./check-response.js";
import { formatDrift, type ResponseDrift } from "./response-drift.js";

/** Options of `createResponseValidator`: the mode and where drift is reported. */
export interface ResponseValidatorOptions {
  /**
   * `"warn"` (default): report drift to `onDrift` and hand the response on unchanged.
   * `"throw"`: the call rejects with `UltravoxResponseValidationError` (for tests and CI).
   */
  readonly mode?: "warn" | "throw";
  /** Called with each drift in `"warn"` mode. Default: `console.warn` of `formatDrift(drift)`. */
  readonly onDrift?: (drift: ResponseDrift) => void;
}

/** Statuses whose responses have no body (Fetch standard). */
const NULL_BODY = new Set([101, 103, 204, 205, 304]);
const JSON_TYPE = /^application\/(?:[\w.+-]+\+)?json\b/i;

/**
 * Drift detection as an openapi-fetch middleware: `client.use(createResponseValidator({ mode: "warn" }))`.
 * Every JSON response of a spec operation is validated against the locked spec's schema for its
 * operation and status (see `checkResponse`); a body that is not JSON although labelled so is drift
 * too. The body is read once and handed on in an equal Response (same status, headers, text, `url`),
 * so `{ data, error, response }` are what they would be without it.
 */
export function createResponseValidator(options: ResponseValidatorOptions = {}): Middleware {
  const mode = options.mode ?? "warn";
  const report = options.onDrift ?? ((drift: ResponseDrift) => {
    console.warn(formatDrift(drift));
  });
  return {
    async onResponse({ request, response, schemaPath, options: fetchOptions }) {
      if (request.method === "HEAD" || NULL_BODY.has(response.status) || !JSON_TYPE.test(response.headers.get("content-type") ?? "")) return undefined;
      // One read, handed on as a new Response: a clone() would tee the stream and read it twice (the
      // larger part of this middleware's cost in the bench).
      const text = await response.text();
      const copy = new Response(text, { status: response.status, statusText: response.statusText, headers: response.headers });
      for (const key of ["url", "redirected", "type"] as const) Object.defineProperty(copy, key, { value: response[key] });
      if (text === "") return copy;
      const input = { method: request.method, url: request.url, status: response.status, path: schemaPath, baseUrl: fetchOptions.baseUrl };
      let drift: ResponseDrift | undefined;
      try {
        const body: unknown = JSON.parse(text);
        drift = checkResponse({ ...input, body });
      } catch {
        // Labelled JSON, yet not JSON: drift at the root, when the spec declares a JSON body here.
        drift = declaredResponse(input)?.drift([{ pointer: "", keyword: "json", expected: "a JSON body", actual: `unparseable text (${text.length} characters)` }]);
      }
      if (drift !== undefined) {
        if (mode === "throw") throw driftError(drift);
        report(drift);
      }
      return copy;
    },
  };
}

function driftError(drift: ResponseDrift): UltravoxResponseValidationError {
  const [first] = drift.issues;
  const more = drift.issues.length > 1 ? ` (and ${drift.issues.length - 1} more)` : "";
  const where = first === undefined ? "" : `: ${first.pointer || "(body)"}: expected ${first.expected}, got ${first.actual}${more}`;
  return new UltravoxResponseValidationError(
    `${drift.method} ${drift.url} answered ${drift.status} with a body that does not match the spec (${drift.operationId})${where}`,
    drift,
  );
}
