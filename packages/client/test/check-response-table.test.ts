import { describe, expect, it } from "vitest";
import { checkResponse } from "@ultravox-api/client/validate";

// Which operation a response belongs to: the template when given and known, else the URL's path
// without the base URL's own path.
const AGENT = "0f4c7e1a-5b9d-4e6f-8a2b-3c1d0e9f8a7b";
const BAD = { detail: 404 };

describe("checkResponse: routing with a template and a base URL", () => {
  it.each([
    { given: "a template the spec lacks: the URL decides", input: { url: `https://api.test/api/agents/${AGENT}`, path: "/api/nope/{x}" }, want: "agents_retrieve" },
    { given: "a template naming another operation than the URL: the template wins", input: { url: `https://api.test/api/agents/${AGENT}`, path: "/api/agents" }, want: "agents_list" },
    { given: "a base URL with a path and trailing slashes", input: { url: `https://p.test/v/x/api/agents/${AGENT}`, baseUrl: "https://p.test/v/x//" }, want: "agents_retrieve" },
    { given: "a base URL without a trailing slash", input: { url: `https://p.test/v/api/agents/${AGENT}`, baseUrl: "https://p.test/v" }, want: "agents_retrieve" },
    { given: "a base URL at the root", input: { url: `https://api.test/api/agents/${AGENT}`, baseUrl: "https://api.test/" }, want: "agents_retrieve" },
    { given: "a base URL whose path the URL does not start with", input: { url: `https://api.test/api/agents/${AGENT}`, baseUrl: "https://api.test/v" }, want: "agents_retrieve" },
    { given: "a base path that is only a prefix of a segment", input: { url: `https://api.test/vapi/agents/${AGENT}`, baseUrl: "https://api.test/v" }, want: undefined },
    { given: "a base path equal to the whole path", input: { url: "https://api.test/api/agents", baseUrl: "https://api.test/api/agents" }, want: "agents_list" },
  ])("$given → $want", ({ input, want }) => {
    expect(checkResponse({ method: "GET", status: 404, body: BAD, ...input })?.operationId).toBe(want);
  });

  it("reports drift with the redacted URL, upper-case method and the template", () => {
    expect(checkResponse({ method: "get", url: `https://api.test/api/agents/${AGENT}?token=t`, status: 404, body: BAD })).toEqual({
      operationId: "agents_retrieve",
      method: "GET",
      path: "/api/agents/{agent_id}",
      url: `https://api.test/api/agents/${AGENT}?token=REDACTED`,
      status: 404,
      issues: [{ pointer: "/detail", keyword: "type", expected: "type string", actual: "404" }],
    });
  });
});
