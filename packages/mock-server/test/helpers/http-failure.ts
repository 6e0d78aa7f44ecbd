import type { JsonObject } from "../../src/internal/json.js";
import { HttpFailure } from "../../src/pipeline/http-failure.js";

/** The status and DRF body of the HttpFailure `run` throws; fails the test when it throws nothing or something else. */
export function failure(run: () => unknown): { status: number; body: JsonObject } {
  try {
    run();
  } catch (error) {
    if (error instanceof HttpFailure) return { status: error.status, body: error.body };
    throw error;
  }
  throw new Error("expected an HttpFailure");
}
