import { callState, isSipCall, type CallRecord } from "./call-model.js";
import { silentWav, type MockFileKind, type MockFiles } from "./mock-files.js";

/*
 * Answers of the call endpoints whose result depends on the call's state, as pure functions of
 * (call, request facts) → HTTP answer; the behaviour registry plugs them in by operationId.
 * - calls_recording_retrieve: 425 Too Early until the call has ended; then 302 to the recording on
 *   the files origin (like Ultravox's signed storage URL: no API key needed). A call made without
 *   `recordingEnabled: true` has no recording: 404. (The spec lists 200 and 302 but not 425; the docs
 *   and the sip_logs operation have it.)
 * - calls_sip_logs_retrieve: 404 when the call's medium is not SIP (`medium.sip`), else 425 until it
 *   has ended, then 302 to the log.
 * - send_data_message_to_call: 204 while the call is joined and not ended, else 422 (the spec lists
 *   no 422; the docs do) with a DRF `{"detail": …}` body.
 * Empty answers carry no Content-Type, as DRF drops it for an empty body.
 */

export interface MockAnswer {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  /** null: no body. */
  readonly body: string | Uint8Array | null;
}

export interface FileLinks {
  /**
   * Origin of the files server, e.g. `http://127.0.0.1:4012`: a second origin where the server
   * can listen on one, so that clients are seen not to send the API key there.
   */
  readonly fileOrigin: string;
  /** Issues (or repeats) a call's file token; `MockFiles.token`. */
  readonly files: Pick<MockFiles, "url">;
}

/** The store's key of the call (what MockFiles tokens refer to). */
export interface CallRef {
  readonly key: string;
  /** The call, or undefined when there is none (or it is not visible to this API key). */
  readonly call: CallRecord | undefined;
}

const NOT_FOUND: MockAnswer = json(404, { detail: "Not found." });
const TOO_EARLY: MockAnswer = { status: 425, headers: {}, body: null };

/** GET /api/calls/{call_id}/recording (calls_recording_retrieve). */
export function recordingAnswer({ key, call }: CallRef, links: FileLinks): MockAnswer {
  if (call === undefined || call["recordingEnabled"] !== true) return NOT_FOUND;
  return endedRedirect(key, call, links, "recording");
}

/** GET /api/calls/{call_id}/sip_logs (calls_sip_logs_retrieve). */
export function sipLogsAnswer({ key, call }: CallRef, links: FileLinks): MockAnswer {
  if (call === undefined || !isSipCall(call)) return NOT_FOUND;
  return endedRedirect(key, call, links, "sip-log");
}

/** POST /api/calls/{call_id}/send_data_message (send_data_message_to_call); the body is validated before. */
export function dataMessageAnswer({ call }: CallRef): MockAnswer {
  if (call === undefined) return NOT_FOUND;
  const state = callState(call);
  if (state === "joined") return { status: 204, headers: {}, body: null };
  return json(422, { detail: state === "created" ? "The call has not been joined yet." : "The call has ended." });
}

/**
 * GET/HEAD of a file URL (`/__mock/files/<token>.wav|.log`), served without an API key.
 * Undefined when `pathname` is not a files path at all (the request is someone else's).
 */
export function fileAnswer(
  method: string,
  pathname: string,
  files: Pick<MockFiles, "resolve">,
  lookup: (key: string) => CallRecord | undefined,
): MockAnswer | undefined {
  if (!pathname.startsWith("/__mock/files/")) return undefined;
  const issued = files.resolve(pathname);
  const call = issued === undefined ? undefined : lookup(issued.key);
  if (issued === undefined || call === undefined) return { status: 404, headers: { "Content-Type": "text/plain; charset=utf-8" }, body: "Not found.\n" };
  if (method !== "GET" && method !== "HEAD") {
    return { status: 405, headers: { Allow: "GET, HEAD", "Content-Type": "text/plain; charset=utf-8" }, body: "Method not allowed.\n" };
  }
  const content = issued.kind === "recording" ? silentWav(callSeconds(call)) : new TextEncoder().encode(sipLog(call));
  return {
    status: 200,
    headers: {
      "Content-Type": issued.kind === "recording" ? "audio/wav" : "text/plain; charset=utf-8",
      "Content-Length": String(content.byteLength),
    },
    body: method === "HEAD" ? null : content,
  };
}

/** How long the call ran (joined → ended), in seconds; 0 when it never joined. */
export function callSeconds(call: CallRecord): number {
  const joined = typeof call["joined"] === "string" ? Date.parse(call["joined"]) : NaN;
  const ended = typeof call["ended"] === "string" ? Date.parse(call["ended"]) : NaN;
  return Number.isFinite(joined) && Number.isFinite(ended) ? Math.max(0, (ended - joined) / 1000) : 0;
}

function endedRedirect(key: string, call: CallRecord, links: FileLinks, kind: MockFileKind): MockAnswer {
  const state = callState(call);
  if (state === "created" || state === "joined") return TOO_EARLY;
  return { status: 302, headers: { Location: links.files.url(links.fileOrigin, key, kind) }, body: null };
}

/** A short SIP trace of the call, enough to show a log is there. */
function sipLog(call: CallRecord): string {
  const id = typeof call["callId"] === "string" ? call["callId"] : "unknown";
  const lines = [`# SIP log of call ${id} (mock)`];
  lines.push(`${String(call["created"])} INVITE`);
  if (typeof call["joined"] === "string") lines.push(`${call["joined"]} 200 OK`, `${call["joined"]} ACK`);
  else lines.push(`${String(call["ended"])} 487 Request Terminated`);
  if (typeof call["joined"] === "string") lines.push(`${String(call["ended"])} BYE`, `${String(call["ended"])} 200 OK`);
  return `${lines.join("\n")}\n`;
}

function json(status: number, body: unknown): MockAnswer {
  return { status, headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) };
}
