import { responseRoutes } from "../generated/response-validators.js";
import { driftIssues } from "../internal/drift-issues.js";
import { redactUrl } from "../internal/redact-url.js";
import { ResponseRouter, validatorFor } from "../internal/response-routes.js";
import type { GeneratedValidator } from "./generated-route.js";
import type { DriftIssue, ResponseDrift } from "./response-drift.js";

let router: ResponseRouter | undefined;

/** One answer to check: the request's method and URL (or path template) and the response's status, media type and parsed body. */
export interface CheckResponseInput {
  /** HTTP method of the request. */
  readonly method: string;
  /** The request URL (absolute). */
  readonly url: string;
  /** HTTP status of the response. */
  readonly status: number;
  /** The parsed JSON body. */
  readonly body: unknown;
  /** The spec's path template when known (openapi-fetch's `schemaPath`); else the URL's path is matched against the templates. */
  readonly path?: string;
  /** The client's base URL: its path part (if any) is removed before matching. Default: the URL's origin. */
  readonly baseUrl?: string;
}

/**
 * Validates a parsed JSON response body against the locked spec's response schema for its operation
 * (method + path template) and status (exact, `2XX`-style range, then `default`), with readOnly
 * fields expected and writeOnly fields never required. Validators were compiled at build time.
 *
 * @returns the drift, or undefined when the body matches, or when the spec declares no JSON schema
 *   for this operation and status (an unknown path, a 204, an undeclared status).
 */
export function checkResponse(input: CheckResponseInput): ResponseDrift | undefined {
  const declared = declaredResponse(input);
  if (declared === undefined || declared.validate(input.body)) return undefined;
  return declared.drift(driftIssues(declared.validate.errors ?? [], input.body));
}

/** The operation's validator for this status, and how to report drift against it; undefined when the spec declares no JSON body here. */
export function declaredResponse(input: Omit<CheckResponseInput, "body">): { validate: GeneratedValidator; drift(issues: DriftIssue[]): ResponseDrift } | undefined {
  router ??= new ResponseRouter(responseRoutes);
  const method = input.method.toUpperCase();
  const route = (input.path === undefined ? undefined : router.byTemplate(method, input.path)) ?? router.byPath(method, pathOf(input.url, input.baseUrl));
  const validate = route === undefined ? undefined : validatorFor(route, input.status);
  if (route === undefined || validate === undefined) return undefined;
  return {
    validate,
    drift: (issues) => ({ operationId: route.operationId, method, path: route.template, url: redactUrl(input.url), status: input.status, issues }),
  };
}

function pathOf(url: string, baseUrl: string | undefined): string {
  const { pathname } = new URL(url);
  const prefix = baseUrl === undefined ? "" : new URL(baseUrl).pathname.replace(/\/+$/, "");
  return prefix !== "" && pathname.startsWith(`${prefix}/`) ? pathname.slice(prefix.length) : pathname;
}
