// Redirects in a browser-like scope: there `redirect: "manual"` answers an opaque response (status 0, no
// Location; checked in Chromium), so the client cannot follow by hand and leaves redirects to the page.
import { describe, expect, it } from "vitest";
import { createUltravoxClientIn } from "../src/internal/create-ultravox-client-in.js";

const browser = { window: { document: {} }, navigator: { userAgent: "Chromium" } };

/** A fetch that records the redirect mode of each call and answers 200, or a 302 to `location` first. */
function recorder(location?: string) {
  const modes: (RequestRedirect | undefined)[] = [];
  const urls: string[] = [];
  const fetch = (input: Request, init?: RequestInit): Promise<Response> => {
    modes.push(init?.redirect);
    urls.push(input.url);
    const redirect = location !== undefined && urls.length === 1;
    return Promise.resolve(redirect ? new Response(null, { status: 302, headers: { location } }) : new Response("{}", { headers: { "content-type": "application/json" } }));
  };
  return { fetch, modes, urls };
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

  it("outside a browser, follows the same 302 by hand", async () => {
    const { fetch, urls } = recorder("https://storage.test/recording.wav");
    const client = createUltravoxClientIn({}, { apiKey: "k", baseUrl: "https://api.test", fetch });
    const { response } = await client.GET("/api/calls/{call_id}/recording", { params: { path: { call_id: "c1" } }, parseAs: "stream" });
    expect(response.status).toBe(200);
    expect(urls).toEqual(["https://api.test/api/calls/c1/recording", "https://storage.test/recording.wav"]);
  });
});
