import type { components, Schema } from "@ultravox-api/types";
import { describe, expectTypeOf, it } from "vitest";
import {
  signWebhook,
  verifyWebhook,
  type KnownWebhookEvent,
  type SignedWebhookHeaders,
  type UnknownWebhookEvent,
  type WebhookEvent,
  type WebhookEventName,
} from "@ultravox-api/client/webhooks";

declare const event: WebhookEvent;

describe("webhook event types", () => {
  it("verifyWebhook resolves to the event union", () => {
    expectTypeOf(verifyWebhook).returns.resolves.toEqualTypeOf<WebhookEvent>();
    expectTypeOf(signWebhook).returns.resolves.toEqualTypeOf<SignedWebhookHeaders>();
  });

  it("names the spec's EventsEnum", () => {
    expectTypeOf<WebhookEventName>().toEqualTypeOf<components["schemas"]["EventsEnum"]>();
    expectTypeOf<WebhookEventName>().toEqualTypeOf<"call.started" | "call.joined" | "call.ended" | "call.billed">();
    expectTypeOf<WebhookEvent["event"]>().toEqualTypeOf<WebhookEventName | "unknown">();
  });

  it("types call as the API's Call, endReason from the spec", () => {
    if (event.event === "call.ended") {
      expectTypeOf(event).toEqualTypeOf<KnownWebhookEvent<"call.ended">>();
      expectTypeOf(event.call).toEqualTypeOf<Schema<"Call">>();
      expectTypeOf(event.call.endReason).toEqualTypeOf<Schema<"Call">["endReason"]>();
      expectTypeOf<NonNullable<typeof event.call.endReason>>().toExtend<components["schemas"]["EndReasonEnum"] | components["schemas"]["NullEnum"]>();
      expectTypeOf<"hangup">().toExtend<typeof event.call.endReason>();
      expectTypeOf(event.call.callId).toEqualTypeOf<string>();
    }
  });

  it("narrows on event.event, the unknown member included", () => {
    switch (event.event) {
      case "call.started":
      case "call.joined":
      case "call.ended":
      case "call.billed":
        expectTypeOf(event).toEqualTypeOf<KnownWebhookEvent>();
        expectTypeOf(event.call.created).toEqualTypeOf<string>();
        break;
      case "unknown":
        expectTypeOf(event).toEqualTypeOf<UnknownWebhookEvent>();
        expectTypeOf(event.name).toEqualTypeOf<string>();
        expectTypeOf(event.payload).toEqualTypeOf<Readonly<Record<string, unknown>>>();
        expectTypeOf(event).not.toHaveProperty("call");
        break;
      default:
        expectTypeOf(event).toBeNever();
    }
  });

  it("takes exactly one of secret and secrets", () => {
    expectTypeOf(verifyWebhook).toBeCallableWith({ body: "", headers: {}, secret: "s" });
    expectTypeOf(verifyWebhook).toBeCallableWith({ body: new Uint8Array(), headers: new Headers(), secrets: ["a", "b"], toleranceMs: Infinity });
    // @ts-expect-error neither secret nor secrets
    void verifyWebhook({ body: "", headers: {} });
    // @ts-expect-error both secret and secrets
    void verifyWebhook({ body: "", headers: {}, secret: "a", secrets: ["b"] });
    // @ts-expect-error a parsed body is not raw
    void verifyWebhook({ body: { event: "call.ended" }, headers: {}, secret: "s" });
  });
});
