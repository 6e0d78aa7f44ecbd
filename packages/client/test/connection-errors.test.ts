// Connection errors say why, against real failures: a refused port, a name that resolves nowhere,
// a TLS server whose certificate is self-signed; and a browser's bare "Failed to fetch".
import { execFile } from "node:child_process";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { createServer as createHttpServer } from "node:http";
import { createServer as createTlsServer, type Server } from "node:https";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createUltravoxClientIn } from "../src/internal/create-ultravox-client-in.js";
import { createUltravoxClient, UltravoxConnectionError } from "../src/index.js";
import { connectionReason } from "../src/internal/connection-reason.js";
import * as browserBuild from "../src/internal/platform-browser.js";

const fast = { maxRetries: 2, initialDelayMs: 1, maxDelayMs: 2 };

async function listen(server: ReturnType<typeof createHttpServer> | Server): Promise<number> {
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return (server.address() as AddressInfo).port;
}

let refusedUrl = "";
let tlsUrl = "";
let tls: Server | undefined;
beforeAll(async () => {
  // A port that was just free: nothing listens on it once the server is closed.
  const probe = createHttpServer();
  const port = await listen(probe);
  await new Promise((resolve) => probe.close(resolve));
  refusedUrl = `http://127.0.0.1:${port}`;
  // A self-signed certificate made for this run with the system's openssl.
  const dir = await mkdtemp(join(tmpdir(), "uv-tls-"));
  try {
    await promisify(execFile)("openssl", [
      "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-days", "1",
      "-subj", "/CN=127.0.0.1", "-keyout", join(dir, "key.pem"), "-out", join(dir, "cert.pem"),
    ]);
    tls = createTlsServer({ key: await readFile(join(dir, "key.pem")), cert: await readFile(join(dir, "cert.pem")) }, (_req, res) => {
      res.end("{}");
    });
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
  tlsUrl = `https://127.0.0.1:${await listen(tls)}`;
});
afterAll(async () => {
  await new Promise((resolve) => tls?.close(resolve));
});

describe("connection errors against real failures", () => {
  const cases = [
    { name: "a refused port", baseUrl: () => refusedUrl, reason: "ECONNREFUSED", detail: /connect ECONNREFUSED 127\.0\.0\.1:\d+/ },
    { name: "a host that resolves nowhere (.invalid)", baseUrl: () => "http://ultravox-api.invalid", reason: "ENOTFOUND", detail: /getaddrinfo ENOTFOUND ultravox-api\.invalid/ },
    // The fetch standard's blocked ports (discard, 9, among them) fail before any connection.
    { name: "a port fetch blocks (9)", baseUrl: () => "http://127.0.0.1:9", reason: "bad port", detail: /failed: bad port, after/ },
    { name: "a self-signed TLS certificate", baseUrl: () => tlsUrl, reason: "DEPTH_ZERO_SELF_SIGNED_CERT", detail: /DEPTH_ZERO_SELF_SIGNED_CERT: self[- ]signed certificate/ },
  ];
  it.each(cases)("$name: reason $reason, attempts, elapsed time, method and URL", async ({ baseUrl, reason, detail }) => {
    const url = `${baseUrl()}/api/calls?apiKey=s3cret`;
    const client = createUltravoxClient({ apiKey: "k", baseUrl: baseUrl(), retry: fast, timeoutMs: 10_000 });
    const started = Date.now();
    const error: unknown = await client.GET("/api/calls", { params: { query: { apiKey: "s3cret" } as never } }).catch((e: unknown) => e);
    const elapsed = Date.now() - started;
    expect(error).toBeInstanceOf(UltravoxConnectionError);
    const connection = error as UltravoxConnectionError;
    expect(connection.name).toBe("UltravoxConnectionError");
    expect(connection.reason).toBe(reason);
    expect(connection.attempts).toBe(3);
    expect(connection.elapsedMs).toBeGreaterThanOrEqual(0);
    expect(connection.elapsedMs).toBeLessThanOrEqual(elapsed);
    expect(connection.method).toBe("GET");
    expect(connection.url).toBe(url.replace("s3cret", "REDACTED"));
    expect(connection.message.startsWith(`GET ${connection.url} failed: `)).toBe(true);
    expect(connection.message).toMatch(detail);
    expect(connection.message.endsWith(`, after 3 attempt(s) in ${connection.elapsedMs} ms`)).toBe(true);
    expect(connection.message).not.toContain("s3cret");
    expect(connection.cause).toBeInstanceOf(TypeError);
    expect(JSON.parse(JSON.stringify(connection))).toMatchObject({ reason, attempts: 3, method: "GET" });
  });

  it("counts one attempt for a POST that is not retried, naming the method", async () => {
    const client = createUltravoxClient({ apiKey: "k", baseUrl: refusedUrl, retry: fast });
    const error = (await client.POST("/api/calls", { body: { systemPrompt: "x" } }).catch((e: unknown) => e)) as UltravoxConnectionError;
    expect(error).toMatchObject({ method: "POST", url: `${refusedUrl}/api/calls`, attempts: 1, reason: "ECONNREFUSED" });
    expect(error.message).toMatch(/^POST .* after 1 attempt\(s\) in \d+ ms$/);
  });
});

describe("in a browser", () => {
  const browser = { window: { document: {} }, navigator: {} };
  it("says a CORS refusal is one possible reason for 'Failed to fetch'", async () => {
    const fetch = (): Promise<Response> => Promise.reject(new TypeError("Failed to fetch"));
    const client = createUltravoxClientIn(browser, { apiKey: "k", baseUrl: "https://api.test", fetch, dangerouslyAllowBrowser: true, retry: false });
    const error = (await client.GET("/api/calls").catch((e: unknown) => e)) as UltravoxConnectionError;
    expect(error.reason).toBe("Failed to fetch");
    expect(error.message).toBe("GET https://api.test/api/calls failed: Failed to fetch (or a CORS refusal), after 1 attempt(s) in " + String(error.elapsedMs) + " ms");
  });

  it("does not mention CORS outside a browser", async () => {
    const fetch = (): Promise<Response> => Promise.reject(new TypeError("Failed to fetch"));
    const client = createUltravoxClientIn({}, { apiKey: "k", baseUrl: "https://api.test", fetch, retry: false });
    const error = (await client.GET("/api/calls").catch((e: unknown) => e)) as UltravoxConnectionError;
    expect(error.message).not.toContain("CORS");
  });
});

/** `new Error("level 0", { cause: … })` down to an innermost "level N" error that carries `code`. */
function chain(depth: number, code: string): Error {
  let error: Error = Object.assign(new Error(`level ${String(depth)}`), { code });
  for (let level = depth - 1; level >= 0; level--) error = new Error(`level ${String(level)}`, { cause: error });
  return error;
}

function selfCaused(): Error {
  const error = new Error("loop");
  error.cause = error;
  return error;
}

describe("connectionReason", () => {
  const refused = Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:9"), { code: "ECONNREFUSED" });
  const eyeballs = Object.assign(new AggregateError([new Error("connect ECONNREFUSED ::1:9"), new Error("connect ECONNREFUSED 127.0.0.1:9")], ""), { code: "ECONNREFUSED" });
  const cases: { name: string; given: unknown; want: [string, string] }[] = [
    { name: "undici: code one cause down", given: new TypeError("fetch failed", { cause: refused }), want: ["ECONNREFUSED", "connect ECONNREFUSED 127.0.0.1:9"] },
    { name: "happy eyeballs: AggregateError without message", given: new TypeError("fetch failed", { cause: eyeballs }), want: ["ECONNREFUSED", "connect ECONNREFUSED ::1:9"] },
    { name: "TLS: code not in the message", given: new TypeError("fetch failed", { cause: Object.assign(new Error("certificate has expired"), { code: "CERT_HAS_EXPIRED" }) }), want: ["CERT_HAS_EXPIRED", "CERT_HAS_EXPIRED: certificate has expired"] },
    { name: "browser: a bare TypeError", given: new TypeError("Failed to fetch"), want: ["Failed to fetch", "Failed to fetch"] },
    { name: "Firefox wording", given: new TypeError("NetworkError when attempting to fetch resource."), want: ["NetworkError when attempting to fetch resource.", "NetworkError when attempting to fetch resource."] },
    { name: "a thrown string", given: "offline", want: ["offline", "offline"] },
    { name: "AggregateError with no errors and no message", given: Object.assign(new AggregateError([], ""), { code: "EAI_AGAIN" }), want: ["EAI_AGAIN", "EAI_AGAIN: AggregateError"] },
    { name: "an error-like object with neither message nor errors", given: { message: "", code: "ECONNRESET" }, want: ["ECONNRESET", "ECONNRESET: [object Object]"] },
    { name: "a message that is not a string is not used", given: { message: 42, code: "ECONNRESET" }, want: ["ECONNRESET", "ECONNRESET: [object Object]"] },
    { name: "a code nine errors deep is found", given: chain(8, "ETIMEDOUT"), want: ["ETIMEDOUT", "ETIMEDOUT: level 8"] },
    { name: "a code ten errors deep is not looked for", given: chain(9, "ETIMEDOUT"), want: ["level 8", "level 8"] },
    { name: "a cause that is the error itself ends the walk", given: selfCaused(), want: ["loop", "loop"] },
  ];
  it.each(cases)("$name", ({ given, want }) => {
    expect(connectionReason(given)).toEqual(want);
  });
});

describe("connectionReason in the browser build", () => {
  const refused = Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:9"), { code: "ECONNREFUSED" });
  const cases: { name: string; given: unknown; want: [string, string] }[] = [
    { name: "Chromium: a bare TypeError", given: new TypeError("Failed to fetch"), want: ["Failed to fetch", "Failed to fetch"] },
    { name: "Firefox wording", given: new TypeError("NetworkError when attempting to fetch resource."), want: ["NetworkError when attempting to fetch resource.", "NetworkError when attempting to fetch resource."] },
    { name: "codes down the causes are not looked for", given: new TypeError("fetch failed", { cause: refused }), want: ["fetch failed", "fetch failed"] },
    { name: "a thrown string", given: "offline", want: ["offline", "offline"] },
    { name: "nothing", given: undefined, want: ["undefined", "undefined"] },
  ];
  it.each(cases)("$name", ({ given, want }) => {
    expect(browserBuild.connectionReason(given)).toEqual(want);
  });
});
