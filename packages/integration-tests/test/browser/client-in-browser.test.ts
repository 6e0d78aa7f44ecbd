// The client in a real browser: Debian's Chromium (headless, driven by playwright-core) loads a page
// bundled with esbuild from one 127.0.0.1 origin, which calls the mock server on another origin, so
// every request is cross-origin and goes through CORS (preflight for X-Unsafe-API-Key and JSON).
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";
import { chromium, type Browser, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startMockServer, type MockServer } from "@ultravox-api/mock-server";
import type { StoryResult } from "./page.js";

const CALLS = 7;
let mock: MockServer;
let site: Server;
let siteUrl = "";
let browser: Browser;
let page: Page;
const pageErrors: string[] = [];

beforeAll(async () => {
  mock = await startMockServer({ seed: 5, lifecycle: false }); // the page sends batches without a webhookUrl, which the API (and the default mock) refuses
  const bundle = await build({
    entryPoints: [fileURLToPath(new URL("./page.ts", import.meta.url))],
    bundle: true,
    format: "esm",
    platform: "browser",
    write: false,
    logLevel: "error",
  });
  const script = bundle.outputFiles[0]?.text ?? "";
  site = createServer((req, res) => {
    if (req.url === "/page.js") {
      res.writeHead(200, { "content-type": "text/javascript" });
      res.end(script);
    } else {
      res.writeHead(200, { "content-type": "text/html" });
      res.end('<!doctype html><title>Ultravox demo</title><script type="module" src="/page.js"></script>');
    }
  });
  await new Promise<void>((resolve) => site.listen(0, "127.0.0.1", resolve));
  siteUrl = `http://127.0.0.1:${(site.address() as AddressInfo).port}`;
  browser = await chromium.launch({
    executablePath: "/usr/bin/chromium",
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"],
  });
  page = await browser.newPage();
  page.on("pageerror", (error) => pageErrors.push(error.message));
  await page.goto(siteUrl);
  await page.waitForFunction(() => "story" in globalThis);
}, 60_000);

afterAll(async () => {
  await browser.close();
  await new Promise((resolve) => site.close(resolve));
  await mock.close();
});

describe("@ultravox-api/client in Chromium", () => {
  it("runs on another origin than the API", () => {
    expect(new URL(siteUrl).origin).not.toBe(new URL(mock.url).origin);
  });

  it("refuses to start without dangerouslyAllowBrowser, naming the option and the risk", async () => {
    const message = await page.evaluate((baseUrl) => (globalThis as unknown as { refusal(u: string): string }).refusal(baseUrl), mock.url);
    expect(message).toMatch(/^UltravoxError: Refusing to run in a browser, where anyone who opens the page can read the API key/);
    expect(message).toContain("`dangerouslyAllowBrowser: true`");
    expect(message).toContain("X-Unsafe-API-Key");
    expect(message).not.toContain("uvx_refused_key");
  });

  it("lists the seed story with paginate, sending the key as X-Unsafe-API-Key across origins", { timeout: 60_000 }, async () => {
    mock.journal.clear();
    const sent: { method: string; headers: Record<string, string> }[] = [];
    page.on("request", (request) => {
      if (request.url().startsWith(mock.url)) sent.push({ method: request.method(), headers: request.headers() });
    });
    const result = await page.evaluate(
      ([baseUrl, apiKey, calls]) => (globalThis as unknown as { story(u: string, k: string, n: number): Promise<StoryResult> }).story(baseUrl, apiKey, calls),
      [mock.url, mock.apiKey, CALLS] as const,
    );
    expect(result.totalCount).toBe(CALLS);
    const listed = Object.entries(result.byStatus);
    expect(listed.map(([status]) => status)).toEqual(["FUTURE", "PENDING", "SUCCESS", "EXPIRED", "ERROR"]);
    for (const [status, statuses] of listed) expect(statuses.every((s) => s === status)).toBe(true);
    expect(listed.reduce((sum, [, statuses]) => sum + statuses.length, 0)).toBe(CALLS);
    // pageSize 2 over 7 calls: some status needed more than one page, fetched through the `next` cursor.
    const lists = mock.journal.list().filter((e) => e.method === "GET" && e.path.endsWith("/scheduled_calls"));
    expect(lists.every((e) => e.status === 200)).toBe(true);
    expect(lists.some((e) => "cursor" in e.query)).toBe(true);
    expect(sent.length).toBeGreaterThan(CALLS / 2);
    for (const request of sent) {
      expect(request.headers["x-unsafe-api-key"]).toBe(mock.apiKey);
      expect(request.headers["x-api-key"]).toBeUndefined();
    }
    expect(pageErrors).toEqual([]);
  });
});
