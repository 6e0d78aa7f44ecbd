import { brandOf } from "../internal/brand.js";
import type { UltravoxApiError } from "./ultravox-api-error.js";

/** True for HTTP errors of this SDK (`UltravoxApiError` and subclasses), even across realms. */
export function isUltravoxApiError(value: unknown): value is UltravoxApiError {
  return brandOf(value) === "api";
}
