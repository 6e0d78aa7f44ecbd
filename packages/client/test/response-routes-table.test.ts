import { describe, expect, it } from "vitest";
import { ResponseRouter, validatorFor, type ResponseRoute } from "../src/internal/response-routes.js";
import type { GeneratedRoute, GeneratedValidator } from "../src/validate/generated-route.js";

// Finding a response's spec operation: by template, or by a URL path matched against the templates.
const v = (): GeneratedValidator => () => true;
const ROUTES: GeneratedRoute[] = [
  ["GET", "/api/calls/{call_id}", "calls_retrieve", { "200": v() }],
  ["GET", "/api/calls/batch", "calls_batch", { "200": v() }],
  ["GET", "/api/calls", "calls_list", { "200": v() }],
  ["DELETE", "/api/calls/{call_id}", "calls_destroy", { "204": v() }],
  ["GET", "/api/agents/{agent_id}/calls/{call_id}", "agent_call", { "200": v() }],
  ["GET", "/api/agents/{agent_id}/calls/latest", "agent_latest", { "200": v() }],
];
const router = new ResponseRouter(ROUTES);

describe("ResponseRouter.byPath", () => {
  it.each([
    { given: "a parameter", method: "GET", path: "/api/calls/8f0c", want: "calls_retrieve" },
    { given: "the most literal template first", method: "GET", path: "/api/calls/batch", want: "calls_batch" },
    { given: "a method in lower case", method: "get", path: "/api/calls", want: "calls_list" },
    { given: "another method on the same template", method: "DELETE", path: "/api/calls/x", want: "calls_destroy" },
    { given: "two parameters", method: "GET", path: "/api/agents/a1/calls/c1", want: "agent_call" },
    { given: "one literal beats none, two deep", method: "GET", path: "/api/agents/a1/calls/latest", want: "agent_latest" },
    { given: "a percent-encoded literal", method: "GET", path: "/api/calls/%62atch", want: "calls_batch" },
    { given: "a bad escape kept as it is", method: "GET", path: "/api/calls/%E0%A4%A", want: "calls_retrieve" },
    { given: "an empty parameter", method: "GET", path: "/api/calls/", want: undefined },
    { given: "a longer path", method: "GET", path: "/api/calls/x/y", want: undefined },
    { given: "a method the path lacks", method: "POST", path: "/api/calls/x", want: undefined },
    { given: "another literal", method: "GET", path: "/api/callz/x", want: undefined },
  ])("$given: $method $path → $want", ({ method, path, want }) => {
    expect(router.byPath(method, path)?.operationId).toBe(want);
  });
});

describe("ResponseRouter.byTemplate", () => {
  it.each([
    { method: "GET", template: "/api/calls/{call_id}", want: "calls_retrieve" },
    { method: "delete", template: "/api/calls/{call_id}", want: "calls_destroy" },
    { method: "GET", template: "/api/calls/8f0c", want: undefined },
    { method: "PUT", template: "/api/calls", want: undefined },
  ])("$method $template → $want", ({ method, template, want }) => {
    expect(router.byTemplate(method, template)?.operationId).toBe(want);
  });

  it("keeps each route's parts", () => {
    const route = router.byTemplate("GET", "/api/agents/{agent_id}/calls/latest");
    expect(route).toMatchObject({ method: "GET", template: "/api/agents/{agent_id}/calls/latest", operationId: "agent_latest", segments: ["", "api", "agents", undefined, "calls", "latest"] });
    // Braces only make a parameter when they are the whole segment.
    expect(new ResponseRouter([["GET", "/a/x{b}", "o", {}]]).byTemplate("GET", "/a/x{b}")?.segments).toEqual(["", "a", "x{b}"]);
    expect(new ResponseRouter([["GET", "/a/{b}x", "o", {}]]).byTemplate("GET", "/a/{b}x")?.segments).toEqual(["", "a", "{b}x"]);
  });
});

describe("validatorFor: exact status, then its range, then default", () => {
  const exact = v();
  const range = v();
  const fallback = v();
  const route = (validators: Record<string, GeneratedValidator>): ResponseRoute => ({ method: "GET", template: "/", operationId: "o", validators, segments: [""] });
  it.each([
    { given: "the exact status", validators: { "200": exact, "2XX": range, default: fallback }, status: 200, want: exact },
    { given: "the range", validators: { "2XX": range, default: fallback }, status: 201, want: range },
    { given: "default", validators: { "200": exact, default: fallback }, status: 404, want: fallback },
    { given: "nothing", validators: { "200": exact }, status: 500, want: undefined },
    { given: "another range", validators: { "4XX": range }, status: 200, want: undefined },
  ])("$given", ({ validators, status, want }) => {
    expect(validatorFor(route(validators), status)).toBe(want);
  });
});
