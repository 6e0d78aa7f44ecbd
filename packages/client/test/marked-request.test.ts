// The Request constructor the Node build hands openapi-fetch: it marks calls that passed no signal.
import { describe, expect, it } from "vitest";
import { markedRequest, NO_CALLER_SIGNAL } from "../src/internal/marked-request.js";

describe("markedRequest", () => {
  const MarkedRequest = markedRequest();
  const cases: { name: string; init: RequestInit | undefined; want: boolean }[] = [
    { name: "no init", init: undefined, want: true },
    { name: "an init without a signal", init: { method: "POST", body: "{}" }, want: true },
    { name: "an init with a signal", init: { signal: new AbortController().signal }, want: false },
  ];
  it.each(cases)("$name: marked as having no caller signal is $want", ({ init, want }) => {
    const request = new MarkedRequest("https://api.test/api/calls", init);
    expect(request).toBeInstanceOf(Request);
    expect(request.url).toBe("https://api.test/api/calls");
    expect((request as Request & { [NO_CALLER_SIGNAL]?: true })[NO_CALLER_SIGNAL] === true).toBe(want);
  });

  it("is a constructor whose instances pass openapi-fetch's instanceof check", () => {
    expect(typeof MarkedRequest).toBe("function");
    expect(new Request("https://api.test/")).toBeInstanceOf(MarkedRequest);
  });
});
