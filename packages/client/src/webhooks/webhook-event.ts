import type { components, Schema } from "@ultravox-api/types";

/** The event names of the locked spec's `EventsEnum`: `call.started`, `call.joined`, `call.ended`, `call.billed`. */
export type WebhookEventName = components["schemas"]["EventsEnum"];

/** The call a webhook carries: the API's `Call`, as `GET /api/calls/{call_id}` returns it. */
export type WebhookCall = Schema<"Call">;

/** A delivery of a known event: `{"event": "<name>", "call": <Call>}`. */
export type KnownWebhookEvent<Name extends WebhookEventName = WebhookEventName> = {
  [N in Name]: {
    /** The event name, e.g. `"call.ended"`. */
    readonly event: N;
    /** The call as `GET /api/calls/{call_id}` returns it. */
    readonly call: WebhookCall;
  };
}[Name];

/**
 * A signed delivery whose event name these types do not know yet (the API added one). It verified,
 * but its shape is not promised: `name` is the event name as sent, `payload` the whole parsed body.
 * `event` is the literal `"unknown"`, so that `event.event === "call.ended"` narrows to the known member.
 */
export interface UnknownWebhookEvent {
  /** Always `"unknown"`: the name is in `name`. */
  readonly event: "unknown";
  /** The event name the API sent, e.g. `"call.transferred"`. */
  readonly name: string;
  /** The parsed JSON body, unchanged. */
  readonly payload: Readonly<Record<string, unknown>>;
}

/** What `verifyWebhook` returns: a discriminated union on `event`. */
export type WebhookEvent = KnownWebhookEvent | UnknownWebhookEvent;
