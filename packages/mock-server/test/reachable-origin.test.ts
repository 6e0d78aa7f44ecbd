import { connect } from "node:net";
import { startMockServer, type MockServer } from "@ultravox-api/mock-server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bindsEveryInterface, reachableOrigin } from "../src/internal/reachable-origin.js";

// A server bound to every interface hands out URLs a client can use: 0.0.0.0 is no address another
// machine can use. The recording and SIP-log redirects name the host the client used (its Host
// header) on the files' port; next/previous links the host and port it used.

describe("reachableOrigin", () => {
  const TABLE: readonly { origin: string; host: string | null; want: string }[] = [
    { origin: "http://0.0.0.0:5000", host: "192.168.1.20:4010", want: "http://192.168.1.20:5000" },
    { origin: "http://0.0.0.0:5000", host: "mock:4010", want: "http://mock:5000" },
    { origin: "http://0.0.0.0:5000", host: "Mock.Example", want: "http://mock.example:5000" },
    { origin: "http://0.0.0.0:5000", host: "mock:", want: "http://mock:5000" },
    { origin: "http://[::]:5000", host: "[fd00::1]:4010", want: "http://[fd00::1]:5000" },
    { origin: "http://[::]:5000", host: "10.0.0.7:4010", want: "http://10.0.0.7:5000" },
    // Nothing better to offer: the bound address, as before.
    { origin: "http://0.0.0.0:5000", host: null, want: "http://0.0.0.0:5000" },
    { origin: "http://0.0.0.0:5000", host: "", want: "http://0.0.0.0:5000" },
    { origin: "http://0.0.0.0:5000", host: "0.0.0.0:4010", want: "http://0.0.0.0:5000" },
    { origin: "http://[::]:5000", host: "[::]:4010", want: "http://[::]:5000" },
    { origin: "http://0.0.0.0:5000", host: "evil.example/x?y", want: "http://0.0.0.0:5000" },
    { origin: "http://0.0.0.0:5000", host: "user@evil.example", want: "http://0.0.0.0:5000" },
    { origin: "http://0.0.0.0:5000", host: "a b", want: "http://0.0.0.0:5000" },
    { origin: "http://0.0.0.0:5000", host: "[not-ipv6]", want: "http://0.0.0.0:5000" },
    { origin: "http://0.0.0.0:5000", host: "mock:port", want: "http://0.0.0.0:5000" },
    // Bound to one address: that address is reachable, the Host header is not trusted.
    { origin: "http://127.0.0.1:5000", host: "evil.example:4010", want: "http://127.0.0.1:5000" },
    { origin: "http://192.168.1.20:5000", host: "10.0.0.7", want: "http://192.168.1.20:5000" },
    { origin: "http://[::1]:5000", host: "10.0.0.7", want: "http://[::1]:5000" },
  ];
  it.each(TABLE)("$origin, Host $host → $want", ({ origin, host, want }) => {
    expect(reachableOrigin(origin, host)).toBe(want);
    expect(reachableOrigin(origin, host, "bound")).toBe(want);
  });

  const ASKED: readonly { origin: string; host: string | null; want: string }[] = [
    { origin: "http://0.0.0.0:4010", host: "192.168.1.20:8080", want: "http://192.168.1.20:8080" },
    { origin: "http://0.0.0.0:4010", host: "mock", want: "http://mock" },
    { origin: "http://0.0.0.0:4010", host: "mock:80", want: "http://mock" },
    { origin: "http://[::]:4010", host: "[fd00::1]:8080", want: "http://[fd00::1]:8080" },
    { origin: "http://0.0.0.0:4010", host: null, want: "http://0.0.0.0:4010" },
    { origin: "http://0.0.0.0:4010", host: "evil.example/x", want: "http://0.0.0.0:4010" },
    { origin: "http://127.0.0.1:4010", host: "mock:8080", want: "http://127.0.0.1:4010" },
  ];
  it.each(ASKED)("the port asked: $origin, Host $host → $want", ({ origin, host, want }) => {
    expect(reachableOrigin(origin, host, "asked")).toBe(want);
  });

  it.each([
    ["http://0.0.0.0:1", true],
    ["http://[::]:1", true],
    ["http://127.0.0.1:1", false],
    ["http://[::1]:1", false],
    ["http://192.168.1.20:1", false],
  ] as const)("bindsEveryInterface(%s) is %s", (origin, want) => {
    expect(bindsEveryInterface(origin)).toBe(want);
  });
});

interface RawAnswer {
  readonly status: number;
  readonly location: string | undefined;
  readonly body: string;
}

/** A GET over a plain socket, so the Host header (or none: HTTP/1.0) is exactly what the test says. */
function rawGet(port: number, path: string, key: string, host: string | null): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, "127.0.0.1");
    let text = "";
    socket.setEncoding("utf8");
    socket.on("data", (chunk: string) => (text += chunk));
    socket.on("error", reject);
    socket.on("end", () => {
      const [head = "", ...rest] = text.split("\r\n\r\n");
      const [statusLine = "", ...lines] = head.split("\r\n");
      const location = lines.find((line) => line.toLowerCase().startsWith("location:"))?.slice("location:".length).trim();
      resolve({ status: Number(statusLine.split(" ")[1]), location, body: rest.join("\r\n\r\n") });
    });
    socket.write(`GET ${path} HTTP/1.0\r\n${host === null ? "" : `Host: ${host}\r\n`}X-API-Key: ${key}\r\n\r\n`);
  });
}

async function endedCall(server: MockServer, base: string, body: object): Promise<string> {
  const created = await fetch(`${base}/api/calls`, { method: "POST", headers: { "x-api-key": server.apiKey, "content-type": "application/json" }, body: JSON.stringify(body) });
  const { callId } = (await created.json()) as { callId: string };
  await server.calls.end(callId);
  return callId;
}

describe.each(["0.0.0.0", "::", "127.0.0.1"])("startMockServer({ host: %j }) over HTTP", (host) => {
  let server: MockServer;
  let port = 0;
  let filesPort = "";
  let recorded = "";
  let sip = "";
  beforeAll(async () => {
    server = await startMockServer({ host, seed: 1 });
    port = Number(new URL(server.url).port);
    filesPort = new URL(server.filesUrl).port;
    const base = `http://127.0.0.1:${port}`;
    recorded = await endedCall(server, base, { recordingEnabled: true });
    sip = await endedCall(server, base, { medium: { sip: { outgoing: { to: "sip:a@example.com", from: "sip:b@example.com" } } } });
  });
  afterAll(async () => {
    await server.close();
  });

  const wildcard = host !== "127.0.0.1";
  const bound = new URL(`http://${host.includes(":") ? `[${host}]` : host}:1`).hostname;
  // given: the request's Host header; want: the host of the redirect's Location.
  const TABLE: readonly { given: string | null; want: string }[] = [
    { given: "127.0.0.1:PORT", want: wildcard ? "127.0.0.1" : bound },
    { given: "localhost:PORT", want: wildcard ? "localhost" : bound },
    { given: "mock-server", want: wildcard ? "mock-server" : bound },
    { given: "[::1]:PORT", want: wildcard ? "[::1]" : bound },
    { given: "evil.example/x", want: bound },
    { given: null, want: bound },
  ];
  for (const kind of ["recording", "sip_logs"] as const) {
    it.each(TABLE)(`GET /api/calls/{id}/${kind}, Host $given → Location on $want, the files' port`, async ({ given, want }) => {
      const answer = await rawGet(port, `/api/calls/${kind === "recording" ? recorded : sip}/${kind}`, server.apiKey, given?.replace("PORT", String(port)) ?? null);
      expect(answer.status).toBe(302);
      const location = new URL(answer.location ?? "");
      expect({ host: location.hostname, port: location.port }).toEqual({ host: want, port: filesPort });
    });
  }

  // given: the request's Host header; want: the origin of the list's next link.
  const boundOrigin = (): string => `http://${bound}:${port}`;
  const LINKS: readonly { given: string | null; want: () => string }[] = [
    { given: "127.0.0.1:PORT", want: () => (wildcard ? `http://127.0.0.1:${port}` : boundOrigin()) },
    { given: "mock-server:8080", want: () => (wildcard ? "http://mock-server:8080" : boundOrigin()) },
    { given: "mock-server", want: () => (wildcard ? "http://mock-server" : boundOrigin()) },
    { given: "evil.example/x", want: boundOrigin },
    { given: null, want: boundOrigin },
  ];
  it.each(LINKS)("GET /api/calls?pageSize=1, Host $given → next on that origin", async ({ given, want }) => {
    const answer = await rawGet(port, "/api/calls?pageSize=1", server.apiKey, given?.replace("PORT", String(port)) ?? null);
    const { next } = JSON.parse(answer.body) as { next: string };
    const link = new URL(next);
    expect({ status: answer.status, origin: link.origin, path: link.pathname, pageSize: link.searchParams.get("pageSize") }).toEqual({
      status: 200,
      origin: want(),
      path: "/api/calls",
      pageSize: "1",
    });
  });

  it("the Location answers over HTTP when followed", async () => {
    const answer = await rawGet(port, `/api/calls/${recorded}/recording`, server.apiKey, `127.0.0.1:${port}`);
    const file = await fetch(answer.location ?? "");
    expect({ status: file.status, type: file.headers.get("content-type") }).toEqual({ status: 200, type: "audio/wav" });
  });
});
