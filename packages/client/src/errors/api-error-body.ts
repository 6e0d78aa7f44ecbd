import type { Schema } from "@ultravox-api/types";

/**
 * The JSON body of an API error answer, as Django REST Framework writes it: `{ detail }` (401, 403,
 * 404, 429, …) or field errors `{ field: [messages] }` (400). A call's `error` is one of these for a
 * JSON error answer; `UltravoxApiError.body` keeps it as received.
 */
export type ApiErrorBody = Schema<"ErrorDetail"> | Schema<"FieldErrors">;
