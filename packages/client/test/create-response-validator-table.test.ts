import { afterEach, describe, expect, it, vi } from "vitest";
import type { Middleware } from "openapi-fetch";
import { createResponseValidator, formatDrift, UltravoxResponseValidationError, type ResponseDrift } from "@ultravox-api/client/validate";

// The middleware's decisions, one answer at a time: which answers it reads, what it reports, what it hands on.
const BASE = "https://api.test";
const TWILIO = "/api/telephony_configs/twilio";
const GOOD = { accountSid: "AC1", authTokenPrefix: { prefix: "ab" } };

type OnResponse = NonNullable<Middleware["onResponse"]>;
async function answer(middleware: Middleware, init: { method?: string; status?: number; contentType?: string | null; text?: string; path?: string }): Promise<Response | undefined> {
  const request = new Request(`${BASE}${init.path ?? TWILIO}?api_key=s3cret`, { method: init.method ?? "GET" });
  const headers = init.contentType === null ? {} : { "content-type": init.contentType ?? "application/json" };
  const body = [101, 103, 204, 205, 304].includes(init.status ?? 200) || init.method === "HEAD" ? null : (init.text ?? JSON.stringify(GOOD));
  const response = new Response(body, { status: init.status ?? 200, statusText: "Fine", headers });
  Object.defineProperty(response, "url", { value: request.url });
  const onResponse = middleware.onResponse as OnResponse;
  const result = await onResponse({ request, response, schemaPath: init.path ?? TWILIO, options: { baseUrl: BASE } } as unknown as Parameters<OnResponse>[0]);
  return result instanceof Response ? result : undefined;
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe("createResponseValidator: which answers it reads", () => {
  it.each([
    { given: "HEAD", init: { method: "HEAD" }, read: false },
    { given: "204", init: { status: 204 }, read: false },
    { given: "205", init: { status: 205 }, read: false },
    { given: "304", init: { status: 304 }, read: false },
    { given: "text/plain", init: { contentType: "text/plain", text: "x" }, read: false },
    { given: "no content type", init: { contentType: null, text: "x" }, read: false },
    { given: "text/json-ish", init: { contentType: "text/application/json", text: "x" }, read: false },
    { given: "application/jsonp", init: { contentType: "application/jsonp", text: "x" }, read: false },
    { given: "application/json", init: {}, read: true },
    { given: "application/json; charset=utf-8", init: { contentType: "application/json; charset=utf-8" }, read: true },
    { given: "APPLICATION/JSON", init: { contentType: "APPLICATION/JSON" }, read: true },
    { given: "application/problem+json", init: { contentType: "application/problem+json" }, read: true },
    { given: "application/vnd.api+json", init: { contentType: "application/vnd.api+json" }, read: true },
  ])("$given: read $read", async ({ init, read }) => {
    const handedOn = await answer(createResponseValidator({ onDrift: () => undefined }), init);
    expect(handedOn !== undefined).toBe(read);
  });

  it("hands on an equal copy: status, status text, headers, text, url", async () => {
    const copy = await answer(createResponseValidator(), { status: 200 });
    expect(copy).toBeDefined();
    expect({ status: copy?.status, statusText: copy?.statusText, type: copy?.headers.get("content-type"), url: copy?.url, redirected: copy?.redirected }).toEqual({
      status: 200,
      statusText: "Fine",
      type: "application/json",
      url: `${BASE}${TWILIO}?api_key=s3cret`,
      redirected: false,
    });
    expect(await copy?.json()).toEqual(GOOD);
  });

  it("an empty JSON body: handed on, no drift", async () => {
    const onDrift = vi.fn();
    const copy = await answer(createResponseValidator({ mode: "throw", onDrift }), { text: "" });
    expect(await copy?.text()).toBe("");
    expect(onDrift).not.toHaveBeenCalled();
  });
});

describe("createResponseValidator: what it reports", () => {
  it("warn mode is the default, and console.warn of formatDrift the default report", async () => {
    const warn = vi.spyOn(console, "warn").mockImplementation(() => undefined);
    const copy = await answer(createResponseValidator(), { text: JSON.stringify({ accountSid: 1 }) });
    expect(await copy?.json()).toEqual({ accountSid: 1 });
    expect(warn).toHaveBeenCalledTimes(1);
    const line: unknown = warn.mock.calls[0]?.[0];
    expect(line).toContain("GET /api/telephony_configs/twilio (telephony_configs_twilio_retrieve) → 200 does not match the spec");
    expect(line).toContain("api_key=REDACTED");
    expect(line).not.toContain("s3cret");
  });

  it("a valid body: no report", async () => {
    const onDrift = vi.fn();
    await answer(createResponseValidator({ onDrift }), {});
    expect(onDrift).not.toHaveBeenCalled();
  });

  it("text labelled JSON on an undeclared path: nothing to say", async () => {
    const onDrift = vi.fn();
    await answer(createResponseValidator({ mode: "throw", onDrift }), { text: "<html>", path: "/not/in/spec" });
    expect(onDrift).not.toHaveBeenCalled();
  });

  it.each([
    {
      given: "one issue",
      text: JSON.stringify({ accountSid: 1, authTokenPrefix: { prefix: "a" } }),
      message: `GET ${BASE}${TWILIO}?api_key=REDACTED answered 200 with a body that does not match the spec (telephony_configs_twilio_retrieve): /accountSid: expected type string, got 1`,
    },
    {
      given: "three issues: the first and how many more",
      text: JSON.stringify({ accountSid: 1, authTokenPrefix: { prefix: 2 }, callCreationAllowAllAgents: "x" }),
      message: `GET ${BASE}${TWILIO}?api_key=REDACTED answered 200 with a body that does not match the spec (telephony_configs_twilio_retrieve): /callCreationAllowAllAgents: expected type boolean, got "x" (and 2 more)`,
    },
    {
      given: "two issues",
      text: JSON.stringify({ accountSid: 1, authTokenPrefix: { prefix: 2 } }),
      message: `GET ${BASE}${TWILIO}?api_key=REDACTED answered 200 with a body that does not match the spec (telephony_configs_twilio_retrieve): /accountSid: expected type string, got 1 (and 1 more)`,
    },
    {
      given: "the whole body",
      text: "[]",
      message: `GET ${BASE}${TWILIO}?api_key=REDACTED answered 200 with a body that does not match the spec (telephony_configs_twilio_retrieve): (body): expected type object, got array (0 items)`,
    },
    {
      given: "text that is not JSON",
      text: "<html>",
      message: `GET ${BASE}${TWILIO}?api_key=REDACTED answered 200 with a body that does not match the spec (telephony_configs_twilio_retrieve): (body): expected a JSON body, got unparseable text (6 characters)`,
    },
  ])("throw mode, $given", async ({ text, message }) => {
    const onDrift = vi.fn();
    const error = await answer(createResponseValidator({ mode: "throw", onDrift }), { text }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(UltravoxResponseValidationError);
    const drift = error as UltravoxResponseValidationError;
    expect(drift.message).toBe(message);
    expect({ operationId: drift.operationId, method: drift.method, path: drift.path, status: drift.status, url: drift.url }).toEqual({
      operationId: "telephony_configs_twilio_retrieve",
      method: "GET",
      path: TWILIO,
      status: 200,
      url: `${BASE}${TWILIO}?api_key=REDACTED`,
    });
    expect(onDrift).not.toHaveBeenCalled();
  });

  it("formatDrift: one line per issue, (body) for the root", () => {
    const drift: ResponseDrift = { operationId: "o", method: "GET", path: "/p", url: "/p?x=1", status: 500, issues: [{ pointer: "", keyword: "type", expected: "type object", actual: "null" }, { pointer: "/a", keyword: "required", expected: "present (required)", actual: "missing" }] };
    expect(formatDrift(drift)).toBe(["GET /p (o) → 500 does not match the spec [/p?x=1]:", "  (body): expected type object, got null", "  /a: expected present (required), got missing"].join("\n"));
  });
});
