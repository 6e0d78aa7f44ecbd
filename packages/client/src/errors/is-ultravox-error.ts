import { brandOf } from "../internal/brand.js";
import type { UltravoxError } from "./ultravox-error.js";

/** True for any error of this SDK, even from another copy of it or another realm. */
export function isUltravoxError(value: unknown): value is UltravoxError {
  const brand = brandOf(value);
  return brand === "error" || brand === "api";
}
