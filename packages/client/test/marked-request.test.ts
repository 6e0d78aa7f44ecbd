// The Request constructor the Node build hands openapi-fetch: it marks calls that passed no signal.
import { describe, expect, it } from "vitest";
import { markedRequest, NO_CALLER_SIGNAL } from "../src/internal/marked-request.js";
import * as browserBuild from "../src/internal/platform-browser.js";
import * as serverBuild from "../src/internal/platform-node.js";

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

describe("callerSignal: the signal a call's attempts listen to", () => {
  const MarkedRequest = markedRequest();
  const caller = new AbortController();
  const cases: { name: string; build: typeof serverBuild; request: Request; want: "none" | "own" }[] = [
    { name: "server build, a call without a signal (marked)", build: serverBuild, request: new MarkedRequest("https://api.test/"), want: "none" },
    { name: "server build, a call with a signal", build: serverBuild, request: new MarkedRequest("https://api.test/", { signal: caller.signal }), want: "own" },
    { name: "server build, a request built elsewhere", build: serverBuild, request: new Request("https://api.test/"), want: "own" },
    { name: "browser build, a request without a signal", build: browserBuild, request: new Request("https://api.test/"), want: "own" },
    { name: "browser build, a request with a signal", build: browserBuild, request: new Request("https://api.test/", { signal: caller.signal }), want: "own" },
  ];
  it.each(cases)("$name: $want", ({ build, request, want }) => {
    expect(build.callerSignal(request)).toBe(want === "none" ? undefined : request.signal);
  });
});
