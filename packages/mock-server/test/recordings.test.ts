import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { createUltravoxClient } from "@ultravox-api/client";
import { afterEach, describe, expect, it } from "vitest";
import type { CallRecord } from "../src/behaviours/ultravox/call-model.js";
import { MockFiles, silentWav } from "../src/behaviours/ultravox/mock-files.js";
import { callSeconds, dataMessageAnswer, fileAnswer, recordingAnswer, sipLogsAnswer, type MockAnswer } from "../src/behaviours/ultravox/recordings.js";

const ORIGIN = "http://127.0.0.1:4012";
const CALL_ID = "3f2c6c1e-8a4b-4f7e-9c1d-0a1b2c3d4e5f";
const webRtc = { webRtc: {} };
const sip = { sip: { incoming: {} } };

function call(state: "created" | "joined" | "ended" | "billed", extra: CallRecord = {}): CallRecord {
  const base: CallRecord = {
    callId: CALL_ID,
    created: "2025-03-01T08:00:00.000Z",
    joined: null,
    ended: null,
    endReason: null,
    billingStatus: "BILLING_STATUS_PENDING",
    medium: webRtc,
    recordingEnabled: true,
  };
  if (state !== "created") base["joined"] = "2025-03-01T08:00:02.000Z";
  if (state === "ended" || state === "billed") Object.assign(base, { ended: "2025-03-01T08:00:05.500Z", endReason: "hangup" });
  if (state === "billed") Object.assign(base, { billingStatus: "BILLING_STATUS_BILLED", billedDuration: "3.5s" });
  return { ...base, ...extra };
}

function fixedFiles(): MockFiles {
  return new MockFiles((bytes) => bytes.fill(7));
}

const TOKEN = Buffer.alloc(32, 7).toString("base64url");

type Row = [string, CallRecord | undefined, number, Record<string, string>, unknown];

const json = { "Content-Type": "application/json" };
const notFound = { detail: "Not found." };

describe("calls_recording_retrieve", () => {
  it.each<Row>([
    ["no such call", undefined, 404, json, notFound],
    ["created", call("created"), 425, {}, null],
    ["joined", call("joined"), 425, {}, null],
    ["ended", call("ended"), 302, { Location: `${ORIGIN}/__mock/files/${TOKEN}.wav` }, null],
    ["billed", call("billed"), 302, { Location: `${ORIGIN}/__mock/files/${TOKEN}.wav` }, null],
    ["ended unjoined", call("created", { ended: "2025-03-01T08:00:30Z", endReason: "unjoined" }), 302, { Location: `${ORIGIN}/__mock/files/${TOKEN}.wav` }, null],
    ["recording not enabled", call("ended", { recordingEnabled: false }), 404, json, notFound],
    ["recordingEnabled missing", call("ended", { recordingEnabled: undefined }), 404, json, notFound],
  ])("%s → %i", (_name, given, status, headers, body) => {
    const answer = recordingAnswer({ key: "k", call: given }, { fileOrigin: ORIGIN, files: fixedFiles() });
    expect(answer.status).toBe(status);
    expect(answer.headers).toEqual(headers);
    expect(answer.body === null ? null : JSON.parse(answer.body as string)).toEqual(body);
  });
});

describe("calls_sip_logs_retrieve", () => {
  it.each<Row>([
    ["no such call", undefined, 404, json, notFound],
    ["not SIP (webRtc), ended", call("ended"), 404, json, notFound],
    ["not SIP (twilio), created", call("created", { medium: { twilio: {} } }), 404, json, notFound],
    ["no medium", call("ended", { medium: null }), 404, json, notFound],
    ["SIP, created", call("created", { medium: sip }), 425, {}, null],
    ["SIP, joined", call("joined", { medium: sip }), 425, {}, null],
    ["SIP, ended", call("ended", { medium: sip }), 302, { Location: `${ORIGIN}/__mock/files/${TOKEN}.log` }, null],
    ["SIP outgoing, billed, recording off", call("billed", { medium: { sip: { outgoing: { to: "sip:a@b.c" } } }, recordingEnabled: false }), 302, { Location: `${ORIGIN}/__mock/files/${TOKEN}.log` }, null],
  ])("%s → %i", (_name, given, status, headers, body) => {
    const answer = sipLogsAnswer({ key: "k", call: given }, { fileOrigin: ORIGIN, files: fixedFiles() });
    expect(answer.status).toBe(status);
    expect(answer.headers).toEqual(headers);
    expect(answer.body === null ? null : JSON.parse(answer.body as string)).toEqual(body);
  });
});

describe("send_data_message_to_call", () => {
  it.each<Row>([
    ["no such call", undefined, 404, json, notFound],
    ["created (not joined)", call("created"), 422, json, { detail: "The call has not been joined yet." }],
    ["joined", call("joined"), 204, {}, null],
    ["ended", call("ended"), 422, json, { detail: "The call has ended." }],
    ["billed", call("billed"), 422, json, { detail: "The call has ended." }],
    ["ended unjoined", call("created", { ended: "2025-03-01T08:00:30Z", endReason: "unjoined" }), 422, json, { detail: "The call has ended." }],
  ])("%s → %i", (_name, given, status, headers, body) => {
    const answer = dataMessageAnswer({ key: "k", call: given });
    expect(answer.status).toBe(status);
    expect(answer.headers).toEqual(headers);
    expect(answer.body === null ? null : JSON.parse(answer.body as string)).toEqual(body);
  });
});

describe("mock files", () => {
  it("tokens are 256 random bits, one per call and kind, stable, revocable", () => {
    const files = new MockFiles();
    const a = files.token("t/1", "recording");
    expect(a).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(files.token("t/1", "recording")).toBe(a);
    expect(files.token("t/1", "sip-log")).not.toBe(a);
    expect(files.token("t/2", "recording")).not.toBe(a);
    expect(files.resolve(`/__mock/files/${a}.wav`)).toEqual({ key: "t/1", kind: "recording" });
    expect(files.resolve(`/__mock/files/${a}.log`)).toBeUndefined();
    expect(files.resolve(`/__mock/files/${a}`)).toBeUndefined();
    expect(files.resolve(`/__mock/files/${a.slice(1)}.wav`)).toBeUndefined();
    files.revoke("t/1");
    expect(files.resolve(`/__mock/files/${a}.wav`)).toBeUndefined();
    expect(files.token("t/1", "recording")).not.toBe(a);
  });

  it("a silent WAV of the call's length (capped at 10 s), with a valid RIFF header", () => {
    const wav = silentWav(3.5);
    const view = new DataView(wav.buffer);
    expect(new TextDecoder().decode(wav.slice(0, 4))).toBe("RIFF");
    expect(new TextDecoder().decode(wav.slice(8, 16))).toBe("WAVEfmt ");
    expect(view.getUint32(24, true)).toBe(8000);
    expect(view.getUint32(40, true)).toBe(3.5 * 8000 * 2);
    expect(wav.byteLength).toBe(44 + 3.5 * 8000 * 2);
    expect(silentWav(3600).byteLength).toBe(44 + 10 * 8000 * 2);
    expect(silentWav(-1).byteLength).toBe(44);
  });

  it.each([
    ["GET", "/__mock/files/missing.wav", 404],
    ["GET", "/api/calls", undefined],
    ["POST", "recording", 405],
    ["HEAD", "recording", 200],
    ["GET", "recording", 200],
    ["GET", "sip-log", 200],
  ] as const)("%s %s → %s", (method, path, status) => {
    const files = new MockFiles();
    const ended = call("ended", { medium: sip });
    const resolved = path === "recording" || path === "sip-log" ? new URL(files.url(ORIGIN, "k", path)).pathname : path;
    const answer = fileAnswer(method, resolved, files, (key) => (key === "k" ? ended : undefined));
    expect(answer?.status).toBe(status);
    if (status === 200) {
      expect(answer?.headers["Content-Type"]).toBe(path === "recording" ? "audio/wav" : "text/plain; charset=utf-8");
      const length = Number(answer?.headers["Content-Length"]);
      const body = answer?.body ?? null;
      if (method === "HEAD") {
        expect(body).toBeNull();
      } else {
        expect(body).toBeInstanceOf(Uint8Array);
        expect((body as Uint8Array).byteLength).toBe(length);
      }
      if (path === "recording") expect(length).toBe(44 + 3.5 * 16000);
      if (path === "sip-log") {
        const text = new TextDecoder().decode(body as Uint8Array);
        expect(text).toContain(`SIP log of call ${CALL_ID}`);
        expect(text).toContain("2025-03-01T08:00:05.500Z BYE");
      }
    }
  });

  it("callSeconds: joined → ended, 0 when never joined", () => {
    expect(callSeconds(call("ended"))).toBe(3.5);
    expect(callSeconds(call("joined"))).toBe(0);
    expect(callSeconds(call("created", { ended: "2025-03-01T08:00:30Z" }))).toBe(0);
  });
});

// Two real origins: the "API" answers with recordingAnswer; the files server is another port.
interface Seen {
  readonly origin: "api" | "files";
  readonly path: string;
  readonly headers: IncomingHttpHeaders;
}

const servers: Server[] = [];
afterEach(async () => {
  await Promise.all(
    servers.splice(0).map(
      (server) =>
        new Promise<void>((resolve) => {
          server.closeAllConnections();
          server.close(() => {
            resolve();
          });
        }),
    ),
  );
});

async function listen(handler: (path: string, method: string, headers: IncomingHttpHeaders) => MockAnswer): Promise<string> {
  const server = createServer((req, res) => {
    const answer = handler(req.url ?? "/", req.method ?? "GET", req.headers);
    res.writeHead(answer.status, answer.headers);
    res.end(answer.body ?? undefined);
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

describe("recording over real HTTP, files on a second origin", () => {
  it("the client follows the 302 to the WAV and the API key never reaches the files origin; 425 before the end", async () => {
    const seen: Seen[] = [];
    const files = new MockFiles();
    const calls = new Map<string, CallRecord>([[CALL_ID, call("joined")]]);
    const filesOrigin = await listen((path, method, headers) => {
      seen.push({ origin: "files", path, headers });
      return fileAnswer(method, path, files, (key) => calls.get(key)) ?? { status: 404, headers: {}, body: null };
    });
    const apiOrigin = await listen((path, _method, headers) => {
      seen.push({ origin: "api", path, headers });
      const id = /^\/api\/calls\/([^/]+)\/recording$/.exec(path)?.[1] ?? "";
      return recordingAnswer({ key: id, call: calls.get(id) }, { fileOrigin: filesOrigin, files });
    });
    const client = createUltravoxClient({ apiKey: "uv-secret-key", baseUrl: apiOrigin, retry: false });

    const early = await client.GET("/api/calls/{call_id}/recording", { params: { path: { call_id: CALL_ID } }, parseAs: "arrayBuffer" });
    expect(early.response.status).toBe(425);

    calls.set(CALL_ID, call("ended"));
    const { data, response } = await client.GET("/api/calls/{call_id}/recording", { params: { path: { call_id: CALL_ID } }, parseAs: "arrayBuffer" });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("audio/wav");
    expect(data?.byteLength).toBe(44 + 3.5 * 16000);
    expect(seen.map((s) => s.origin)).toEqual(["api", "api", "files"]);
    expect(seen.filter((s) => s.origin === "api").every((s) => s.headers["x-api-key"] === "uv-secret-key")).toBe(true);
    expect(seen.find((s) => s.origin === "files")?.headers["x-api-key"]).toBeUndefined();

    const manual = await client.GET("/api/calls/{call_id}/recording", { params: { path: { call_id: CALL_ID } }, redirect: "manual" });
    expect(manual.response.status).toBe(302);
    expect(manual.response.headers.get("location")).toMatch(new RegExp(`^${filesOrigin}/__mock/files/[A-Za-z0-9_-]{43}\\.wav$`));
  });
});
