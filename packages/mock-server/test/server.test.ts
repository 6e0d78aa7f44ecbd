import { readFileSync } from "node:fs";
import { spawn } from "node:child_process";
import { request as httpRequest } from "node:http";
import { createServer } from "node:net";
import { fileURLToPath } from "node:url";
import { startMockServer, type MockServer } from "@ultravox-api/mock-server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { field, results, send } from "./helpers/api.js";
import { isErrorDetail } from "./helpers/spec-validator.js";

const httpFetch: typeof fetch = (input, init) => fetch(input, init);

describe("startMockServer over real HTTP", () => {
  let server: MockServer;
  beforeAll(async () => {
    server = await startMockServer({ seed: 5 });
  });
  afterAll(async () => {
    await server.close();
  });

  it("listens on 127.0.0.1 on a free port by default", () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  });

  it("creates, lists with absolute next links on its own origin, and resets", async () => {
    const key = server.apiKey;
    const base = server.url;
    for (let i = 0; i < 3; i++) {
      expect((await send(httpFetch, "POST", "/api/agents", { key, base, body: { name: `h${i}` } })).status).toBe(201);
    }
    const page = await send(httpFetch, "GET", "/api/agents?pageSize=2", { key, base });
    const next = (page.json as { next: string }).next;
    expect(next.startsWith(`${server.url}/api/agents?`)).toBe(true);
    const second = await send(httpFetch, "GET", next.slice(server.url.length), { key, base });
    expect(results(second.json).map((agent) => agent["name"])).toEqual(["h0"]);
    server.reset();
    expect(results((await send(httpFetch, "GET", "/api/agents", { key, base })).json)).toEqual([]);
  });

  it("answers a URL longer than the limit with 414 and a DRF body", async () => {
    const answer = await send(httpFetch, "GET", `/api/agents?search=${"x".repeat(10_000)}`, { key: server.apiKey, base: server.url });
    expect(answer.status).toBe(414);
    expect(isErrorDetail(answer.text)).toBe(true);
  });

  it("answers a body over the limit with 413 without reading all of it", async () => {
    const answer = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      const url = new URL(`${server.url}/api/agents`);
      const req = httpRequest(
        { host: url.hostname, port: url.port, path: url.pathname, method: "POST", headers: { "x-api-key": server.apiKey, "content-type": "application/json" } },
        (res) => {
          let body = "";
          res.on("data", (chunk: Buffer) => (body += chunk.toString()));
          res.on("end", () => {
            resolve({ status: res.statusCode ?? 0, body });
          });
        },
      );
      req.on("error", reject);
      req.end(`{"name":"${"x".repeat(2 * 1024 * 1024)}"}`);
    });
    expect(answer.status).toBe(413);
    expect(isErrorDetail(answer.body)).toBe(true);
  });

  it("frees its port on close", async () => {
    const other = await startMockServer();
    const port = Number(new URL(other.url).port);
    await other.close();
    await new Promise<void>((resolve, reject) => {
      const probe = createServer();
      probe.once("error", reject);
      probe.listen(port, "127.0.0.1", () => {
        probe.close(() => {
          resolve();
        });
      });
    });
    await expect(fetch(`${other.url}/api/agents`)).rejects.toThrow();
  });

  it("keeps state per server and answers the typed seed story endpoint", async () => {
    const key = server.apiKey;
    const base = server.url;
    const agentId = field((await send(httpFetch, "POST", "/api/agents", { key, base, body: { name: "s" } })).json, "agentId");
    const batch = await send(httpFetch, "POST", `/api/agents/${agentId}/scheduled_batches`, { key, base, body: { calls: [{}, {}], webhookUrl: "https://hooks.example.com/calls", windowStart: "2025-01-02T00:00:00Z" } });
    const batchId = field(batch.json, "batchId");
    const listed = await send(httpFetch, "GET", `/api/agents/${agentId}/scheduled_batches/${batchId}/scheduled_calls?status=FUTURE`, { key, base });
    expect((listed.json as { total: number }).total).toBe(2);
  });
});

describe("ultravox-mock CLI", () => {
  const cli = fileURLToPath(new URL("../dist/adapters/cli.js", import.meta.url));

  it("prints help", async () => {
    const child = spawn(process.execPath, [cli, "--help"]);
    let out = "";
    child.stdout.on("data", (chunk: Buffer) => (out += chunk.toString()));
    const code = await new Promise<number | null>((resolve) => child.on("close", resolve));
    expect(code).toBe(0);
    expect(out).toContain("Usage: ultravox-mock");
    expect(out).toContain("--api-key");
  });

  it("starts, prints its URL and key, serves, and stops cleanly on SIGTERM", async () => {
    const child = spawn(process.execPath, [cli, "--port", "0", "--seed", "42", "--api-key", "cli-key"]);
    let out = "";
    const line = await new Promise<string>((resolve, reject) => {
      child.stdout.on("data", (chunk: Buffer) => {
        out += chunk.toString();
        if (out.includes("\n")) resolve(out);
      });
      child.on("error", reject);
      child.on("close", () => {
        reject(new Error(`exited early: ${out}`));
      });
    });
    const match = /listening on (http:\/\/127\.0\.0\.1:\d+) .*API key: (\S+)/.exec(line);
    expect(match).not.toBeNull();
    const [, url = "", key = ""] = match ?? [];
    expect(key).toBe("cli-key");
    const answer = await send(httpFetch, "GET", "/api/agents", { key, base: url });
    expect(answer.status).toBe(200);
    const closed = new Promise<number | null>((resolve) => child.on("exit", resolve));
    child.kill("SIGTERM");
    expect(await closed).toBe(0);
    expect(out).toContain("stopped (SIGTERM)");
  });

  it("points an unknown flag to --help, in one line, exit 1", async () => {
    const child = spawn(process.execPath, [cli, "--colour", "blue"]);
    let err = "";
    child.stderr.on("data", (chunk: Buffer) => (err += chunk.toString()));
    const code = await new Promise<number | null>((resolve) => child.on("close", resolve));
    expect(code).toBe(1);
    expect(err.trim().split("\n")).toHaveLength(1);
    expect(err).toContain("--colour");
    expect(err).toContain("ultravox-mock --help");
  });

  it("the README's synopsis names exactly the flags --help shows", async () => {
    const child = spawn(process.execPath, [cli, "--help"]);
    let out = "";
    child.stdout.on("data", (chunk: Buffer) => (out += chunk.toString()));
    await new Promise((resolve) => child.on("close", resolve));
    const readme = readFileSync(fileURLToPath(new URL("../README.md", import.meta.url)), "utf8");
    const synopsis = /## CLI\n\n```\n(ultravox-mock [^\n]*)\n```/.exec(readme)?.[1] ?? "";
    const flags = (text: string): string[] => [...new Set(text.match(/--[a-z][a-z-]*/g) ?? [])].sort();
    expect(synopsis).not.toBe("");
    expect(flags(synopsis)).toEqual(flags(out));
  });

  it("exits 1 with a one-line message for a bad port", async () => {
    const child = spawn(process.execPath, [cli, "--port", "99999"]);
    let err = "";
    child.stderr.on("data", (chunk: Buffer) => (err += chunk.toString()));
    const code = await new Promise<number | null>((resolve) => child.on("close", resolve));
    expect(code).toBe(1);
    expect(err.trim().split("\n")).toHaveLength(1);
  });
});
