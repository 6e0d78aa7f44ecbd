import type { CallLifecycle } from "./call-lifecycle.js";
import { CallTransitionError, END_REASONS, type CallAutomation, type EndReason } from "./call-model.js";
import type { MockAnswer } from "./recordings.js";

/*
 * The "trigger" side of calls for the admin routes and the CLI, in the spirit of `stripe trigger`:
 * - POST /__mock/calls/{call_id}/join  body `{"clientVersion"?: string}`
 * - POST /__mock/calls/{call_id}/end   body `{"endReason"?: EndReason, "summary"?: string, "shortSummary"?: string}`
 * Answers: 200 with the call after the transition; 404 no such call; 409 when the call's state does
 * not allow it (joining an ended call); 400 DRF field errors for a bad body.
 * Automation (`joinAfterMs`, `endAfterMs`, `endReason`, `billAfterMs`) is read from JSON (an admin
 * body, a mock option, CLI flags) by `parseCallAutomation`.
 */

export type CallControl = "join" | "end";

type FieldErrors = Record<string, string[]>;

/** Answers an admin control of the call `key` (already resolved to the tenant's call). */
export function callControlAnswer(lifecycle: Pick<CallLifecycle, "join" | "end">, control: CallControl, key: string, body: unknown): MockAnswer {
  const input = body === undefined || body === null ? {} : body;
  if (typeof input !== "object" || Array.isArray(input)) {
    return json(400, { non_field_errors: ["Invalid data. Expected a dictionary, but got " + typeName(input) + "."] });
  }
  const fields = input as Record<string, unknown>;
  const allowed = control === "join" ? ["clientVersion"] : ["endReason", "summary", "shortSummary"];
  const errors: FieldErrors = {};
  for (const name of Object.keys(fields)) {
    if (!allowed.includes(name)) errors[name] = [`Unknown field: use ${allowed.join(", ")}.`];
    else if (name === "endReason") {
      if (!(END_REASONS as readonly unknown[]).includes(fields[name])) errors[name] = [`"${String(fields[name])}" is not a valid choice.`];
    } else if (typeof fields[name] !== "string") errors[name] = ["Not a valid string."];
  }
  if (Object.keys(errors).length > 0) return json(400, errors);
  try {
    const call =
      control === "join"
        ? lifecycle.join(key, typeof fields["clientVersion"] === "string" ? { clientVersion: fields["clientVersion"] } : {})
        : lifecycle.end(key, {
            ...(typeof fields["endReason"] === "string" ? { endReason: fields["endReason"] as EndReason } : {}),
            ...(typeof fields["summary"] === "string" ? { summary: fields["summary"] } : {}),
            ...(typeof fields["shortSummary"] === "string" ? { shortSummary: fields["shortSummary"] } : {}),
          });
    return json(200, call);
  } catch (error) {
    if (!(error instanceof CallTransitionError)) throw error;
    return json(error.state === "missing" ? 404 : 409, { detail: error.state === "missing" ? "Not found." : error.message });
  }
}

/**
 * Reads call automation from JSON: `joinAfterMs`/`endAfterMs` (ms >= 0 or "never"), `billAfterMs`
 * (ms >= 0), `endReason` (EndReasonEnum). Unknown keys are errors, so a typo is never ignored.
 */
export function parseCallAutomation(value: unknown): { automation: CallAutomation } | { errors: FieldErrors } {
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    return { errors: { non_field_errors: [`Expected an object of call automation, got ${typeName(value)}.`] } };
  }
  const errors: FieldErrors = {};
  const out: { -readonly [K in keyof CallAutomation]: CallAutomation[K] } = {};
  for (const [name, raw] of Object.entries(value as Record<string, unknown>)) {
    switch (name) {
      case "joinAfterMs":
      case "endAfterMs": {
        const ms = milliseconds(raw, true);
        if (ms === undefined) errors[name] = ['A number of milliseconds >= 0 or "never" is required.'];
        else out[name] = ms;
        break;
      }
      case "billAfterMs": {
        const ms = milliseconds(raw, false);
        if (typeof ms !== "number") errors[name] = ["A number of milliseconds >= 0 is required."];
        else out.billAfterMs = ms;
        break;
      }
      case "endReason":
        if (!(END_REASONS as readonly unknown[]).includes(raw)) errors[name] = [`"${String(raw)}" is not a valid choice.`];
        else out.endReason = raw as EndReason;
        break;
      default:
        errors[name] = ["Unknown field: use joinAfterMs, endAfterMs, endReason or billAfterMs."];
    }
  }
  return Object.keys(errors).length > 0 ? { errors } : { automation: out };
}

/** A number of ms from JSON or a CLI flag ("1500", 1500, "never"). */
function milliseconds(raw: unknown, allowNever: boolean): number | "never" | undefined {
  if (raw === "never") return allowNever ? "never" : undefined;
  const ms = typeof raw === "number" ? raw : typeof raw === "string" && raw.trim() !== "" ? Number(raw) : NaN;
  return Number.isFinite(ms) && ms >= 0 ? ms : undefined;
}

function typeName(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "list";
  return typeof value === "string" ? "str" : typeof value;
}

function json(status: number, body: unknown): MockAnswer {
  return { status, headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) };
}
