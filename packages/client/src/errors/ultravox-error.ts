import { BRAND } from "../internal/brand.js";

/** Base class of every error this SDK throws. */
export class UltravoxError extends Error {
  /** The class name, e.g. `"UltravoxNotFoundError"` (each subclass narrows it to its own literal). */
  declare name: string;

  static {
    this.prototype.name = "UltravoxError";
    // On the prototype: found by the guards across realms, yet never in JSON or logs.
    (this.prototype as unknown as Record<symbol, unknown>)[BRAND] = "error";
  }

  /** `fields` become the error's own properties. */
  constructor(message: string, fields?: object, options?: { cause?: unknown }) {
    super(message, options);
    Object.assign(this, fields);
  }

  /** Own fields plus name and message, so JSON.stringify says what happened. */
  toJSON(): object {
    return Object.assign({ name: this.name, message: this.message }, this);
  }
}
