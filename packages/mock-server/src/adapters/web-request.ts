import type { MockInstance } from "../instance/mock-instance.js";
import type { LiveCalls } from "../behaviours/ultravox/live-calls.js";
import type { MockCalls, MockHandler, MockWebhooks } from "../mock-options.js";
import { ConnectionReset } from "../pipeline/connection-reset.js";
import type { CoreRequest, CoreResponse } from "../pipeline/core-exchange.js";
import { connectionResetError } from "../pipeline/fault-injector.js";

/** A web Request as the pipeline sees it. */
export function fromWebRequest(request: Request): CoreRequest {
  return {
    method: request.method.toUpperCase(),
    url: new URL(request.url),
    header: (name) => request.headers.get(name),
    readBody: (limit) => readStream(request.body, limit),
  };
}

export function toWebResponse(response: CoreResponse): Response {
  const body = typeof response.body === "string" || response.body === null ? response.body : response.body.slice();
  return new Response(body, { status: response.status, headers: response.headers });
}

/** Reads at most `limit` bytes; stops (and cancels the stream) as soon as there are more. */
async function readStream(stream: ReadableStream<Uint8Array> | null, limit: number): Promise<Uint8Array | "too-large"> {
  if (stream === null) return new Uint8Array(0);
  const reader = stream.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel();
      return "too-large";
    }
    chunks.push(value);
  }
  const out = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return out;
}

/**
 * The mock as a fetch-style handler over web `Request`/`Response`: what createMockHandler returns,
 * and what the node:http server shares (same instance, same state).
 */
export function toMockHandler(instance: MockInstance): MockHandler {
  const handler = async (request: Request): Promise<Response> => {
    try {
      return toWebResponse(await instance.dispatch(fromWebRequest(request)));
    } catch (error) {
      // An injected reset: reject as fetch does when the server drops the connection.
      if (error instanceof ConnectionReset) throw connectionResetError();
      throw error;
    }
  };
  const { clock, journal, faults, apiKeys, engine } = instance;
  return {
    handler,
    fetch: (input, init) => handler(new Request(input, init)),
    apiKey: apiKeys[0] ?? "",
    apiKeys,
    operationCount: engine.spec.operations.length,
    clock,
    journal,
    faults,
    calls: callControls(instance.live),
    webhooks: webhookControls(instance.live),
    reset: () => {
      instance.reset();
    },
  };
}

function live(calls: LiveCalls | undefined): LiveCalls {
  if (calls === undefined) throw new Error("This mock has no live calls: they come with the Ultravox behaviours (an Ultravox spec, builtInBehaviours not false).");
  return calls;
}

function callControls(calls: LiveCalls | undefined): MockCalls {
  return {
    join: async (callId, options) => live(calls).join(callId, options),
    end: async (callId, options) => live(calls).end(callId, options),
    get automation() {
      return live(calls).lifecycle.defaults;
    },
    set automation(automation) {
      live(calls).lifecycle.defaults = automation;
    },
  };
}

function webhookControls(calls: LiveCalls | undefined): MockWebhooks {
  return {
    idle: async () => calls?.idle(),
    get pending() {
      return calls?.delivery.pending ?? 0;
    },
  };
}
