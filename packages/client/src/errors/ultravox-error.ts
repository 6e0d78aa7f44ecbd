import { BRAND } from "../internal/brand.js";

/** Base class of every error this SDK throws. */
export class UltravoxError extends Error {
  declare name: string;

  static {
    this.prototype.name = "UltravoxError";
  }

  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    // Non-enumerable so it stays out of JSON and logs.
    Object.defineProperty(this, BRAND, { value: "error", writable: true });
  }

  /** Own fields plus name and message, so JSON.stringify says what happened. */
  toJSON(): Record<string, unknown> {
    const json: Record<string, unknown> = { name: this.name, message: this.message };
    Object.assign(json, this);
    return json;
  }
}
