// What the client reads from where it runs, through an injected global scope (no global patched):
// browser-like or not, ULTRAVOX_API_KEY and ULTRAVOX_BASE_URL; and how it normalises baseUrl.
import { describe, expect, it } from "vitest";
import { UltravoxError } from "../src/index.js";
import { isBrowserLike } from "../src/internal/browser-like.js";
import { createUltravoxClientIn } from "../src/internal/create-ultravox-client-in.js";
import { normalizeBaseUrl } from "../src/internal/normalize-base-url.js";

/** A fetch that records what it was asked and answers 200 `{}`. */
function recorder() {
  const seen: Request[] = [];
  const fetch = (input: Request, init?: RequestInit): Promise<Response> => {
    seen.push(new Request(input, init));
    return Promise.resolve(new Response("{}", { headers: { "content-type": "application/json" } }));
  };
  return { fetch, seen };
}

const browser = { window: { document: {} }, navigator: { userAgent: "Chromium" } };

describe("isBrowserLike", () => {
  const cases: { name: string; scope: object; want: boolean }[] = [
    { name: "a page", scope: browser, want: true },
    { name: "Node", scope: { process: { env: {} } }, want: false },
    { name: "a worker (no window)", scope: { navigator: {}, self: {} }, want: false },
    { name: "Deno 1 (window without document)", scope: { window: {}, navigator: {} }, want: false },
    { name: "jsdom-like without navigator", scope: { window: { document: {} } }, want: false },
    { name: "window.document null", scope: { window: { document: null }, navigator: {} }, want: false },
  ];
  it.each(cases)("$name → $want", ({ scope, want }) => {
    expect(isBrowserLike(scope)).toBe(want);
  });
  it("is false in this test process", () => {
    expect(isBrowserLike(globalThis)).toBe(false);
  });
});

describe("dangerouslyAllowBrowser", () => {
  it("refuses to start in a browser without it, naming the option and the risk", () => {
    for (const options of [{ apiKey: "k" }, { apiKey: "k", dangerouslyAllowBrowser: false }]) {
      let error: unknown;
      try {
        createUltravoxClientIn(browser, options);
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(UltravoxError);
      expect((error as Error).message).toBe(
        "Refusing to run in a browser, where anyone who opens the page can read the API key; pass `dangerouslyAllowBrowser: true` to send it as X-Unsafe-API-Key",
      );
    }
  });

  it("sends the key as X-Unsafe-API-Key, and never X-API-Key, when allowed in a browser", async () => {
    const { fetch, seen } = recorder();
    const client = createUltravoxClientIn(browser, { apiKey: "demo-key", baseUrl: "https://api.test", fetch, dangerouslyAllowBrowser: true });
    await client.GET("/api/accounts/me");
    expect(seen[0]?.headers.get("x-unsafe-api-key")).toBe("demo-key");
    expect(seen[0]?.headers.get("x-api-key")).toBeNull();
  });

  it("keeps X-API-Key outside a browser, with or without the option", async () => {
    for (const dangerouslyAllowBrowser of [undefined, true]) {
      const { fetch, seen } = recorder();
      const client = createUltravoxClientIn({}, { apiKey: "server-key", baseUrl: "https://api.test", fetch, ...(dangerouslyAllowBrowser ? { dangerouslyAllowBrowser } : {}) });
      await client.GET("/api/accounts/me");
      expect(seen[0]?.headers.get("x-api-key")).toBe("server-key");
      expect(seen[0]?.headers.get("x-unsafe-api-key")).toBeNull();
    }
  });

  it("sends neither key header to another origin", async () => {
    const { fetch, seen } = recorder();
    const client = createUltravoxClientIn(browser, { apiKey: "demo-key", baseUrl: "https://api.test", fetch, dangerouslyAllowBrowser: true, headers: { "X-Unsafe-API-Key": "demo-key" } });
    await client.GET("/api/accounts/me", { baseUrl: "https://elsewhere.test" });
    expect(seen[0]?.url).toBe("https://elsewhere.test/api/accounts/me");
    expect(seen[0]?.headers.get("x-unsafe-api-key")).toBeNull();
  });
});

describe("environment variables", () => {
  it("reads ULTRAVOX_API_KEY and ULTRAVOX_BASE_URL when the options are not given", async () => {
    const { fetch, seen } = recorder();
    const scope = { process: { env: { ULTRAVOX_API_KEY: "env-key", ULTRAVOX_BASE_URL: "http://127.0.0.1:4010//" } } };
    const client = createUltravoxClientIn(scope, { fetch });
    await client.GET("/api/accounts/me");
    expect(seen[0]?.url).toBe("http://127.0.0.1:4010/api/accounts/me");
    expect(seen[0]?.headers.get("x-api-key")).toBe("env-key");
  });

  it("prefers the options to the environment, and ignores an empty ULTRAVOX_BASE_URL", async () => {
    const { fetch, seen } = recorder();
    const scope = { process: { env: { ULTRAVOX_API_KEY: "env-key", ULTRAVOX_BASE_URL: "http://127.0.0.1:4010" } } };
    await createUltravoxClientIn(scope, { fetch, apiKey: "option-key", baseUrl: "https://api.test/" }).GET("/api/accounts/me");
    await createUltravoxClientIn({ process: { env: { ULTRAVOX_API_KEY: "k", ULTRAVOX_BASE_URL: "" } } }, { fetch }).GET("/api/accounts/me");
    expect(seen.map((r) => [r.url, r.headers.get("x-api-key")])).toEqual([
      ["https://api.test/api/accounts/me", "option-key"],
      ["https://api.ultravox.ai/api/accounts/me", "k"],
    ]);
  });

  it("names the baseUrl option when its value is not a URL, whatever ULTRAVOX_BASE_URL says", () => {
    for (const env of [{}, { ULTRAVOX_BASE_URL: "http://127.0.0.1:4010" }]) {
      expect(() => createUltravoxClientIn({ process: { env } }, { apiKey: "k", baseUrl: "localhost:4010" })).toThrow(/^baseUrl must be an absolute http\(s\) URL$/);
    }
  });

  it("names ULTRAVOX_BASE_URL when its value is not a URL", () => {
    expect(() => createUltravoxClientIn({ process: { env: { ULTRAVOX_BASE_URL: "localhost:4010" } } }, { apiKey: "k" })).toThrow(
      /^ULTRAVOX_BASE_URL must be an absolute http\(s\) URL/,
    );
  });
});

describe("normalizeBaseUrl", () => {
  const cases: { given: string; want: string }[] = [
    { given: "https://api.ultravox.ai", want: "https://api.ultravox.ai" },
    { given: "https://api.ultravox.ai/", want: "https://api.ultravox.ai" },
    { given: "https://api.ultravox.ai//", want: "https://api.ultravox.ai" },
    { given: "https://api.ultravox.ai///", want: "https://api.ultravox.ai" },
    { given: "  https://api.ultravox.ai/ \n", want: "https://api.ultravox.ai" },
    { given: "HTTPS://API.Ultravox.AI", want: "https://api.ultravox.ai" },
    { given: "https://api.ultravox.ai:443/", want: "https://api.ultravox.ai" },
    { given: "http://127.0.0.1:4010", want: "http://127.0.0.1:4010" },
    { given: "https://proxy.test/ultravox/", want: "https://proxy.test/ultravox" },
    { given: "https://proxy.test//ultravox//v1//", want: "https://proxy.test/ultravox/v1" },
    { given: "https://proxy.test/a b", want: "https://proxy.test/a%20b" },
    // The URL parser strips ASCII spaces only; a pasted no-break space is whitespace too.
    { given: "\u00a0https://api.ultravox.ai/\u00a0", want: "https://api.ultravox.ai" },
  ];
  it.each(cases)("$given → $want", ({ given, want }) => {
    expect(normalizeBaseUrl(given, "baseUrl")).toBe(want);
  });

  const bad = ["", "api.ultravox.ai", "localhost:4010", "ftp://api.ultravox.ai", "https://api.ultravox.ai/?x=1", "https://api.ultravox.ai/#top", "/api", "xhttp://api.ultravox.ai", "wss://api.ultravox.ai"];
  it.each(bad)("rejects %j with a TypeError naming the setting", (given) => {
    expect(() => normalizeBaseUrl(given, "baseUrl")).toThrow(TypeError);
    expect(() => normalizeBaseUrl(given, "baseUrl")).toThrow(/^baseUrl must be an absolute http\(s\) URL$/);
  });

  it("sends paths under a normalised base URL with a single slash", async () => {
    const { fetch, seen } = recorder();
    await createUltravoxClientIn({}, { apiKey: "k", baseUrl: "https://api.test//", fetch }).GET("/api/calls/{call_id}", { params: { path: { call_id: "c1" } } });
    expect(seen[0]?.url).toBe("https://api.test/api/calls/c1");
  });
});
