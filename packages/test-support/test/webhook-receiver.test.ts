import { afterEach, describe, expect, it } from "vitest";
import { headerOf, startWebhookReceiver, type WebhookReceiver } from "../src/webhook-receiver.js";

let receiver: WebhookReceiver | undefined;
afterEach(async () => {
  await receiver?.close();
  receiver = undefined;
});

const post = (url: string, body: string, init: RequestInit = {}): Promise<Response> =>
  fetch(url, { method: "POST", body, headers: { "Content-Type": "application/json", "X-Twice": "a" }, ...init });

describe("startWebhookReceiver: a real HTTP server that records and answers as scripted", () => {
  it("listens on 127.0.0.1 at the path given, answers 204 by default, records method, path, headers and raw bytes", async () => {
    receiver = await startWebhookReceiver("/hooks/call-ready");
    expect(receiver.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/hooks\/call-ready$/);
    const response = await post(`${receiver.url}?x=1`, '{"event": "call.started"}');
    expect(response.status).toBe(204);
    expect(receiver.received).toHaveLength(1);
    const [request] = receiver.received;
    expect(request).toMatchObject({ method: "POST", path: "/hooks/call-ready?x=1" });
    expect(request?.body.toString("utf8")).toBe('{"event": "call.started"}');
    expect(headerOf(request?.headers ?? {}, "Content-Type")).toBe("application/json");
  });

  it("the default path is /webhooks/ultravox", async () => {
    receiver = await startWebhookReceiver();
    expect(new URL(receiver.url).pathname).toBe("/webhooks/ultravox");
  });

  it("reply decides each answer by its 1-based number: a status, a dropped socket, or no answer", async () => {
    receiver = await startWebhookReceiver();
    const seen: number[] = [];
    receiver.reply = (n) => {
      seen.push(n);
      return n === 1 ? 500 : n === 2 ? "drop" : "hang";
    };
    expect((await post(receiver.url, "1")).status).toBe(500);
    await expect(post(receiver.url, "2")).rejects.toThrow(TypeError);
    await expect(post(receiver.url, "3", { signal: AbortSignal.timeout(300) })).rejects.toMatchObject({ name: "TimeoutError" });
    expect(seen).toEqual([1, 2, 3]);
    expect(receiver.received.map((r) => r.body.toString())).toEqual(["1", "2", "3"]);
  });

  it("close ends hanging answers and stops listening", async () => {
    const r = await startWebhookReceiver();
    r.reply = () => "hang";
    const pending = post(r.url, "x");
    await expect.poll(() => r.received.length).toBe(1);
    await r.close();
    await expect(pending).rejects.toThrow(TypeError);
    await expect(post(r.url, "y")).rejects.toThrow(TypeError);
  });
});

describe("headerOf", () => {
  it.each([
    { given: { "x-a": "1" }, name: "X-A", want: "1" },
    { given: { "set-cookie": ["a=1", "b=2"] }, name: "set-cookie", want: "a=1,b=2" },
    { given: {}, name: "x-a", want: undefined },
  ])("$name of $given → $want", ({ given, name, want }) => {
    expect(headerOf(given, name)).toBe(want);
  });
});
