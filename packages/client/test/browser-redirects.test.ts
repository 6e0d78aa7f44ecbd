// Redirects in a browser-like scope: there `redirect: "manual"` answers an opaque response (status 0, no
// Location; checked in Chromium), so the client cannot follow by hand and leaves redirects to the page.
import { afterAll, describe, expect, it, vi } from "vitest";
import { createUltravoxClientIn } from "../src/internal/create-ultravox-client-in.js";
import * as browserBuild from "../src/internal/platform-browser.js";

const browser = { window: { document: {} }, navigator: { userAgent: "Chromium" } };

/** A fetch that records the redirect mode of each call and answers 200, or a 302 to `location` first. */
function recorder(location?: string) {
  const modes: (RequestRedirect | undefined)[] = [];
  const urls: string[] = [];
  const seen: Request[] = [];
  const fetch = (input: Request, init?: RequestInit): Promise<Response> => {
    modes.push(init?.redirect);
    urls.push(input.url);
    seen.push(input);
    const redirect = location !== undefined && urls.length === 1;
    return Promise.resolve(redirect ? new Response(null, { status: 302, headers: { location } }) : new Response("{}", { headers: { "content-type": "application/json" } }));
  };
  return { fetch, modes, urls, seen };
}

describe("redirects", () => {
  const cases: { name: string; scope: object; method: "GET" | "POST"; want: RequestRedirect }[] = [
    { name: "browser GET: the page follows", scope: browser, method: "GET", want: "follow" },
    { name: "browser POST: the page follows", scope: browser, method: "POST", want: "follow" },
    { name: "server GET: followed by hand", scope: {}, method: "GET", want: "manual" },
    { name: "server POST: handed back as it is", scope: {}, method: "POST", want: "manual" },
  ];
  it.each(cases)("$name (fetch gets redirect: $want)", async ({ scope, method, want }) => {
    const { fetch, modes } = recorder();
    const client = createUltravoxClientIn(scope, { apiKey: "k", baseUrl: "https://api.test", fetch, dangerouslyAllowBrowser: true });
    await (method === "GET" ? client.GET("/api/accounts/me") : client.POST("/api/agents", { body: { name: "a" } as never }));
    expect(modes).toEqual([want]);
  });

  it("in a browser, hands a 3xx the fetch returned back as it is rather than following it again", async () => {
    const { fetch, urls } = recorder("https://storage.test/recording.wav");
    const client = createUltravoxClientIn(browser, { apiKey: "k", baseUrl: "https://api.test", fetch, dangerouslyAllowBrowser: true });
    const { response } = await client.GET("/api/calls/{call_id}/recording", { params: { path: { call_id: "c1" } }, parseAs: "stream" });
    expect(response.status).toBe(302);
    expect(urls).toEqual(["https://api.test/api/calls/c1/recording"]);
  });

  it("outside a browser, follows a HEAD's 302 by hand too", async () => {
    const { fetch, modes, urls } = recorder("https://storage.test/recording.wav");
    const client = createUltravoxClientIn({}, { apiKey: "k", baseUrl: "https://api.test", fetch });
    const { response } = await client.HEAD("/api/calls/{call_id}/recording" as never, { params: { path: { call_id: "c1" } } } as never);
    expect(response.status).toBe(200);
    expect(modes).toEqual(["manual", "manual"]);
    expect(urls).toEqual(["https://api.test/api/calls/c1/recording", "https://storage.test/recording.wav"]);
  });

  it("outside a browser, follows the same 302 by hand", async () => {
    const { fetch, urls } = recorder("https://storage.test/recording.wav");
    const client = createUltravoxClientIn({}, { apiKey: "k", baseUrl: "https://api.test", fetch });
    const { response } = await client.GET("/api/calls/{call_id}/recording", { params: { path: { call_id: "c1" } }, parseAs: "stream" });
    expect(response.status).toBe(200);
    expect(urls).toEqual(["https://api.test/api/calls/c1/recording", "https://storage.test/recording.wav"]);
  });
});

describe("redirects in the browser build (#platform → platform-browser.ts)", () => {
  // Test files share the module registry: the next file must not get the browser build's modules.
  afterAll(() => {
    vi.resetModules();
  });

  /** createUltravoxClientIn as a browser bundle has it. */
  async function browserBuildClientIn(): Promise<typeof createUltravoxClientIn> {
    vi.resetModules();
    vi.doMock("#platform", () => import("../src/internal/platform-browser.js"));
    try {
      return (await import("../src/internal/create-ultravox-client-in.js")).createUltravoxClientIn;
    } finally {
      vi.doUnmock("#platform");
    }
  }

  it("leaves a GET's redirects to the platform even where no page is (a worker)", async () => {
    const clientIn = await browserBuildClientIn();
    const { fetch, modes, urls } = recorder("https://storage.test/recording.wav");
    const { response } = await clientIn({ navigator: {} }, { apiKey: "k", baseUrl: "https://api.test", fetch }).GET("/api/calls/{call_id}/recording", {
      params: { path: { call_id: "c1" } },
      parseAs: "stream",
    });
    expect(modes).toEqual(["follow"]);
    expect(response.status).toBe(302);
    expect(urls).toEqual(["https://api.test/api/calls/c1/recording"]);
  });

  it("keeps a caller's own redirect mode", async () => {
    const clientIn = await browserBuildClientIn();
    const { fetch, modes } = recorder();
    await clientIn({}, { apiKey: "k", baseUrl: "https://api.test", fetch }).GET("/api/accounts/me", { redirect: "error" });
    expect(modes).toEqual(["error"]);
  });

  it("builds requests with the platform's Request and reads no process.env", async () => {
    const clientIn = await browserBuildClientIn();
    const seen: Request[] = [];
    const fetch = (input: Request): Promise<Response> => {
      seen.push(input);
      return Promise.resolve(new Response("{}", { headers: { "content-type": "application/json" } }));
    };
    const scope = { process: { env: { ULTRAVOX_API_KEY: "env-key", ULTRAVOX_BASE_URL: "http://127.0.0.1:4010" } } };
    expect(() => clientIn(scope, { fetch })).toThrow(/^Missing API key: pass `apiKey` or set ULTRAVOX_API_KEY$/);
    await clientIn(scope, { apiKey: "k", fetch }).GET("/api/accounts/me");
    expect(seen[0]?.url).toBe("https://api.ultravox.ai/api/accounts/me");
    expect(browserBuild.requestClass()).toBe(Request);
    // The server build marks calls without a signal; the browser build leaves requests as the platform made them.
    expect(Object.getOwnPropertySymbols(seen[0]).map(String)).not.toContain("Symbol(ultravox.noCallerSignal)");
    const serverBuild = recorder();
    await createUltravoxClientIn({}, { apiKey: "k", baseUrl: "https://api.test", fetch: serverBuild.fetch }).GET("/api/accounts/me");
    expect(serverBuild.seen.map((request) => Object.getOwnPropertySymbols(request).map(String))[0]).toContain("Symbol(ultravox.noCallerSignal)");
  });
});
