/** One place where a response body differs from the spec's schema. */
export interface DriftIssue {
  /** JSON pointer (RFC 6901) into the body, e.g. `/results/0/endReason`; `""` is the whole body. */
  readonly pointer: string;
  /** The JSON Schema keyword that failed: `type`, `required`, `enum`, `format`, `anyOf`, … */
  readonly keyword: string;
  /** What the spec expects there, e.g. `one of ["hangup","timeout"]`, `type string`, `present (required)`. */
  readonly expected: string;
  /** What the body holds there, e.g. `"weird"`, `null`, `missing`, `object`. */
  readonly actual: string;
}

/** A response whose JSON body does not match the locked spec's schema for its operation and status. */
export interface ResponseDrift {
  /** The spec's operationId, e.g. `calls_retrieve`. */
  readonly operationId: string;
  /** HTTP method, upper case. */
  readonly method: string;
  /** The spec's path template, e.g. `/api/calls/{call_id}`. */
  readonly path: string;
  /** The request URL (credentials and secret-looking query values removed). */
  readonly url: string;
  /** HTTP status of the response. */
  readonly status: number;
  /** Every difference found (at least one). */
  readonly issues: readonly DriftIssue[];
}

/** One line per issue, e.g. `GET /api/calls/{call_id} (calls_retrieve) → 200: /endReason: expected one of [...], got "weird"`. */
export function formatDrift(drift: ResponseDrift): string {
  const head = `${drift.method} ${drift.path} (${drift.operationId}) → ${drift.status} does not match the spec`;
  const lines = drift.issues.map((issue) => `  ${issue.pointer || "(body)"}: expected ${issue.expected}, got ${issue.actual}`);
  return [`${head} [${drift.url}]:`, ...lines].join("\n");
}
