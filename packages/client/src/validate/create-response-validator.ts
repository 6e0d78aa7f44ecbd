import type { Middleware } from "openapi-fetch";
import { UltravoxResponseValidationError } from "../errors/ultravox-response-validation-error.js";
import { checkResponse, declaredResponse } from "./check-response.js";
import { formatDrift, type ResponseDrift } from "./response-drift.js";

export interface ResponseValidatorOptions {
  /**
   * `"warn"` (default): report drift to `onDrift` and hand the response on unchanged.
   * `"throw"`: the call rejects with `UltravoxResponseValidationError` (for tests and CI).
   */
  readonly mode?: "warn" | "throw";
  /** Called with each drift in `"warn"` mode. Default: `console.warn` of `formatDrift(drift)`. */
  readonly onDrift?: (drift: ResponseDrift) => void;
}

const JSON_TYPE = /^application\/(?:[\w.+-]+\+)?json\b/i;

/**
 * Drift detection as an openapi-fetch middleware: `client.use(createResponseValidator({ mode: "warn" }))`.
 * Every JSON response of a spec operation is validated against the locked spec's schema for its
 * operation and status (see `checkResponse`); a body that is not JSON although labelled so is drift
 * too. Reads a clone of the response, so `{ data, error, response }` are untouched.
 */
export function createResponseValidator(options: ResponseValidatorOptions = {}): Middleware {
  const mode = options.mode ?? "warn";
  const report = options.onDrift ?? ((drift: ResponseDrift) => {
    console.warn(formatDrift(drift));
  });
  return {
    async onResponse({ request, response, schemaPath, options: fetchOptions }) {
      if (request.method === "HEAD" || response.status === 204 || !JSON_TYPE.test(response.headers.get("content-type") ?? "")) return undefined;
      const text = await response.clone().text();
      if (text === "") return undefined;
      let body: unknown;
      let drift: ResponseDrift | undefined;
      const input = { method: request.method, url: request.url, status: response.status, path: schemaPath, baseUrl: fetchOptions.baseUrl };
      try {
        body = JSON.parse(text);
      } catch {
        // Labelled JSON, yet not JSON: drift at the root, when the spec declares a JSON body here.
        drift = declaredResponse(input)?.drift([{ pointer: "", keyword: "json", expected: "a JSON body", actual: `unparseable text (${text.length} characters)` }]);
      }
      if (body !== undefined) drift = checkResponse({ ...input, body });
      if (drift === undefined) return undefined;
      if (mode === "throw") throw driftError(drift);
      report(drift);
      return undefined;
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
