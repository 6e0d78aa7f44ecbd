import { spawn, type ChildProcessWithoutNullStreams } from "node:child_process";
import { fileURLToPath } from "node:url";
import { CallTransitionError, createMockHandler } from "@ultravox-api/mock-server";
import { describe, expect, it } from "vitest";
import { field, send } from "./helpers/api.js";

const START = "2025-06-02T08:00:00Z";

function mock(options: Parameters<typeof createMockHandler>[0] = {}) {
  const m = createMockHandler({ clock: { mode: "virtual", start: START }, ...options });
  const call = async (path: string, method = "GET", body?: unknown, headers?: Record<string, string>) =>
    send(m.fetch, method, path, { key: m.apiKey, ...(body === undefined ? {} : { body }), ...(headers === undefined ? {} : { headers }) });
  return { m, call };
}

describe("calls admin routes (/__mock/calls)", () => {
  it("join and end move the call; every read sees it; illegal moves 409, unknown calls 404, bad bodies 400", async () => {
    const { call } = mock();
    const id = field((await call("/api/calls", "POST", {})).json, "callId");
    const joined = await call(`/__mock/calls/${id}/join`, "POST", { clientVersion: "cli/1" });
    expect([joined.status, field(joined.json, "joined"), field(joined.json, "clientVersion")]).toEqual([200, "2025-06-02T08:00:00.000Z", "cli/1"]);
    expect((await call(`/__mock/calls/${id}/join`, "POST")).status).toBe(409);
    expect((await call(`/__mock/calls/${id}/end`, "POST", { endReason: "soon" })).json).toEqual({ endReason: ['"soon" is not a valid choice.'] });
    const ended = await call(`/__mock/calls/${id}/end`, "POST", { endReason: "agent_hangup" });
    expect(ended.status).toBe(200);
    const read = (await call(`/api/calls/${id}`)).json as Record<string, unknown>;
    expect([read["endReason"], read["billingStatus"], read["billedDuration"]]).toEqual(["agent_hangup", "BILLING_STATUS_FREE_ZERO_EFFECTIVE_DURATION", "0s"]);
    expect((await call(`/__mock/calls/${id}/end`, "POST")).status).toBe(409);
    expect((await call("/__mock/calls/00000000-0000-4000-8000-000000000000/join", "POST")).status).toBe(404);
    expect((await call(`/__mock/calls/${id}/join`, "GET")).status).toBe(405);
    expect((await send(createMockHandler().fetch, "POST", `/__mock/calls/${id}/join`, { key: null })).status).toBe(401);
  });

  it("automation: PUT replaces it, new calls follow it on the clock; the X-Mock-Call-Automation header sets one call's", async () => {
    const { m, call } = mock();
    expect((await call("/__mock/calls/automation")).json).toEqual({});
    expect((await call("/__mock/calls/automation", "PUT", { joinAfterMs: "soon" })).status).toBe(400);
    const put = await call("/__mock/calls/automation", "PUT", { joinAfterMs: 1000, endAfterMs: 4000, endReason: "agent_hangup" });
    expect(put.json).toEqual({ joinAfterMs: 1000, endAfterMs: 4000, endReason: "agent_hangup" });
    expect(m.calls.automation).toEqual(put.json);
    const auto = field((await call("/api/calls", "POST", {})).json, "callId");
    const own = field((await call("/api/calls", "POST", {}, { "X-Mock-Call-Automation": '{"joinAfterMs": "never"}' })).json, "callId");
    expect((await call("/api/calls", "POST", {}, { "X-Mock-Call-Automation": '{"joinAfter": 1}' })).status).toBe(400);
    await m.clock.advance(5_000);
    const a = (await call(`/api/calls/${auto}`)).json as Record<string, unknown>;
    expect([a["joined"], a["ended"], a["endReason"], a["billedDuration"]]).toEqual(["2025-06-02T08:00:01.000Z", "2025-06-02T08:00:05.000Z", "agent_hangup", "4s"]);
    expect(((await call(`/api/calls/${own}`)).json as Record<string, unknown>)["joined"]).toBeNull();
    // Never joined: it ends "unjoined" at its joinTimeout (30 s by default).
    await m.clock.advance(25_000);
    expect(((await call(`/api/calls/${own}`)).json as Record<string, unknown>)["endReason"]).toBe("unjoined");
  });

  it("mock.calls in code: join/end by id, CallTransitionError on an illegal move", async () => {
    const { m, call } = mock();
    const id = field((await call("/api/calls", "POST", {})).json, "callId");
    await expect(m.calls.end("no-such-call")).rejects.toBeInstanceOf(CallTransitionError);
    expect((await m.calls.join(id))["joined"]).toBe("2025-06-02T08:00:00.000Z");
    await m.clock.advance(1500);
    expect((await m.calls.end(id, { endReason: "connection_error" }))["endReason"]).toBe("connection_error");
    await expect(m.calls.join(id)).rejects.toThrow(/cannot join: it is billed/);
    // reset forgets the calls and their timers.
    m.reset();
    expect((await call(`/api/calls/${id}`)).status).toBe(404);
  });

  it("files answer without a key and 404 for tokens never issued", async () => {
    const { m, call } = mock();
    const id = field((await call("/api/calls", "POST", { recordingEnabled: true })).json, "callId");
    await m.calls.end(id);
    const redirect = await call(`/api/calls/${id}/recording`);
    const location = redirect.headers.get("location") ?? "";
    expect(redirect.status).toBe(302);
    const file = await m.fetch(location);
    expect([file.status, file.headers.get("content-type")]).toEqual([200, "audio/wav"]);
    expect((await m.fetch(`${new URL(location).origin}/__mock/files/not-a-token.wav`)).status).toBe(404);
  });
});

describe("ultravox-mock CLI call flags", () => {
  const cli = fileURLToPath(new URL("../dist/adapters/cli.js", import.meta.url));

  function run(args: string[]): { child: ChildProcessWithoutNullStreams; out: () => string; err: () => string } {
    const child = spawn(process.execPath, [cli, ...args]);
    let out = "";
    let err = "";
    child.stdout.on("data", (chunk: Buffer) => (out += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (err += chunk.toString()));
    return { child, out: () => out, err: () => err };
  }

  it("--help lists them", async () => {
    const { child, out } = run(["--help"]);
    await new Promise((resolve) => child.on("close", resolve));
    for (const flag of ["--join-after", "--end-after", "--end-reason", "--bill-after", "--webhook-timeout", "--files-port", "/__mock/calls/{call_id}/join"]) {
      expect(out()).toContain(flag);
    }
  });

  it("a call created against the CLI lives by its flags on the mock's clock", async () => {
    const { child, out } = run(["--port", "0", "--clock", START, "--join-after", "1000", "--end-after", "2500", "--end-reason", "agent_hangup", "--bill-after", "500"]);
    try {
      await new Promise<void>((resolve, reject) => {
        child.stdout.on("data", () => {
          if (out().includes("files")) resolve();
        });
        child.on("close", () => {
          reject(new Error(`exited early: ${out()}`));
        });
      });
      const [, base = "", key = ""] = /listening on (\S+) .*API key: (\S+)/.exec(out()) ?? [];
      expect(out()).toMatch(/files \(recordings, SIP logs\) on http:\/\/127\.0\.0\.1:\d+/);
      const http = (input: RequestInfo | URL, init?: RequestInit) => fetch(input, init);
      const id = field((await send(http, "POST", "/api/calls", { key, base, body: {} })).json, "callId");
      expect((await send(http, "POST", "/__mock/clock/advance", { key, base, body: { ms: 4000 } })).status).toBe(200);
      const read = (await send(http, "GET", `/api/calls/${id}`, { key, base })).json as Record<string, unknown>;
      expect([read["joined"], read["ended"], read["endReason"], read["billingStatus"], read["billedDuration"]]).toEqual([
        "2025-06-02T08:00:01.000Z",
        "2025-06-02T08:00:03.500Z",
        "agent_hangup",
        "BILLING_STATUS_BILLED",
        "2.5s",
      ]);
    } finally {
      child.kill("SIGTERM");
    }
  });

  it("a bad flag exits 1 with a one-line message naming it", async () => {
    const { child, err } = run(["--join-after", "soon"]);
    const code = await new Promise<number | null>((resolve) => child.on("close", resolve));
    expect(code).toBe(1);
    expect(err().trim().split("\n")).toHaveLength(1);
    expect(err()).toContain("--join-after");
  });
});
