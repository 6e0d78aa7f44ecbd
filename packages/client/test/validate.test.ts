import { describe, expect, it } from "vitest";
import { checkResponse, formatDrift, type DriftIssue } from "@ultravox-api/client/validate";

const BASE = "https://api.ultravox.ai";
const twilio = { accountSid: "AC123", authTokenPrefix: { prefix: "ab12" }, callCreationAllowAllAgents: false };

describe("checkResponse against the locked spec (TwilioConfig: readOnly authTokenPrefix required, writeOnly authToken never)", () => {
  const cases: { name: string; body: unknown; want: DriftIssue[] | undefined }[] = [
    { name: "a valid body", body: twilio, want: undefined },
    { name: "without the writeOnly authToken the request schema requires", body: { accountSid: "AC1", authTokenPrefix: { prefix: "x" } }, want: undefined },
    { name: "extra properties (the spec does not close objects)", body: { ...twilio, newField: 1 }, want: undefined },
    {
      name: "a readOnly required field missing",
      body: { accountSid: "AC1" },
      want: [{ pointer: "/authTokenPrefix", keyword: "required", expected: "present (required)", actual: "missing" }],
    },
    {
      name: "a wrong type deep inside",
      body: { ...twilio, authTokenPrefix: { prefix: 12 } },
      want: [{ pointer: "/authTokenPrefix/prefix", keyword: "type", expected: "type string", actual: "12" }],
    },
    {
      name: "a bad uuid in an array",
      body: { ...twilio, callCreationAllowedAgentIds: ["0f4c7e1a-5b9d-4e6f-8a2b-3c1d0e9f8a7b", "agent-1"] },
      want: [{ pointer: "/callCreationAllowedAgentIds/1", keyword: "format", expected: "format uuid", actual: '"agent-1"' }],
    },
    {
      name: "a map value of the wrong type, its key escaped in the pointer",
      body: { ...twilio, requestContextMapping: { "a/b~c": true } },
      want: [{ pointer: "/requestContextMapping/a~1b~0c", keyword: "type", expected: "type string", actual: "true" }],
    },
    {
      name: "several at once",
      body: { accountSid: null, authTokenPrefix: [] },
      want: [
        { pointer: "/accountSid", keyword: "type", expected: "type string", actual: "null" },
        { pointer: "/authTokenPrefix", keyword: "type", expected: "type object", actual: "array (0 items)" },
      ],
    },
    { name: "not an object at all", body: "oops", want: [{ pointer: "", keyword: "type", expected: "type object", actual: '"oops"' }] },
  ];
  it.each(cases)("$name", ({ body, want }) => {
    const drift = checkResponse({ method: "GET", url: `${BASE}/api/telephony_configs/twilio`, status: 200, body });
    if (want === undefined) {
      expect(drift).toBeUndefined();
      return;
    }
    expect(drift).toEqual({ operationId: "telephony_configs_twilio_retrieve", method: "GET", path: "/api/telephony_configs/twilio", url: `${BASE}/api/telephony_configs/twilio`, status: 200, issues: want });
  });
});

describe("routing a response to its operation and status", () => {
  const agent = "0f4c7e1a-5b9d-4e6f-8a2b-3c1d0e9f8a7b";
  const bad = { detail: 404 };
  const cases: { name: string; input: { method: string; url: string; status: number; path?: string; baseUrl?: string }; want: string | undefined }[] = [
    { name: "by the path template given", input: { method: "GET", url: `${BASE}/api/agents/${agent}`, status: 404, path: "/api/agents/{agent_id}" }, want: "agents_retrieve" },
    { name: "by matching the URL's path", input: { method: "GET", url: `${BASE}/api/agents/${agent}`, status: 404 }, want: "agents_retrieve" },
    { name: "lower-case method", input: { method: "get", url: `${BASE}/api/agents/${agent}`, status: 404 }, want: "agents_retrieve" },
    { name: "another method of the same path", input: { method: "DELETE", url: `${BASE}/api/agents/${agent}`, status: 404 }, want: "agents_destroy" },
    { name: "a base URL with a path prefix", input: { method: "GET", url: `https://proxy.example/ultravox/api/agents/${agent}`, status: 404, baseUrl: "https://proxy.example/ultravox/" }, want: "agents_retrieve" },
    { name: "a query string", input: { method: "GET", url: `${BASE}/api/agents?cursor=abc&pageSize=2`, status: 404 }, want: "agents_list" },
    { name: "a path the spec lacks", input: { method: "GET", url: `${BASE}/api/nope/${agent}`, status: 404 }, want: undefined },
    { name: "a status the operation does not declare", input: { method: "GET", url: `${BASE}/api/agents/${agent}`, status: 418 }, want: undefined },
    { name: "an empty parameter segment", input: { method: "GET", url: `${BASE}/api/agents//`, status: 404 }, want: undefined },
  ];
  it.each(cases)("$name → $want", ({ input, want }) => {
    expect(checkResponse({ ...input, body: bad })?.operationId).toBe(want);
    // A valid error body of the same operation and status passes.
    expect(checkResponse({ ...input, body: { detail: "Not found." } })).toBeUndefined();
  });
});

describe("formatDrift", () => {
  it("names the operation, status and URL, one line per issue", () => {
    const drift = checkResponse({ method: "GET", url: `${BASE}/api/telephony_configs/twilio?api_key=s3cret`, status: 200, body: { accountSid: 1 } });
    if (drift === undefined) throw new Error("expected drift");
    expect(formatDrift(drift)).toBe(
      [
        `GET /api/telephony_configs/twilio (telephony_configs_twilio_retrieve) → 200 does not match the spec [${BASE}/api/telephony_configs/twilio?api_key=REDACTED]:`,
        "  /authTokenPrefix: expected present (required), got missing",
        "  /accountSid: expected type string, got 1",
      ].join("\n"),
    );
  });
});
