import { BRAND } from "../internal/brand.js";

/** The constructor's arguments after the message: the subclass's own fields (required when it has any), then `{ cause }`. */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- "has no required field" is exactly `{} extends Fields`
export type UltravoxErrorArgs<Fields extends object> = {} extends Fields
  ? [fields?: Fields, options?: { /** The underlying error, kept as `cause`. */ cause?: unknown }]
  : [fields: Fields, options?: { /** The underlying error, kept as `cause`. */ cause?: unknown }];

/** Base class of every error this SDK throws; `Fields` are the subclass's own properties. */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- the base class has no fields of its own
export class UltravoxError<Fields extends object = {}> extends Error {
  /** Literal class name, also set on the prototype. */
  declare name: string;

  static {
    this.prototype.name = "UltravoxError";
    // On the prototype: found by the guards across realms, yet never in JSON or logs.
    (this.prototype as unknown as Record<symbol, unknown>)[BRAND] = "error";
  }

  /** `fields` become the error's own properties; `options.cause` is kept as `cause`. */
  constructor(message: string, ...[fields, options]: UltravoxErrorArgs<Fields>) {
    super(message, options);
    Object.assign(this, fields);
  }

  /** Own fields plus name and message, so JSON.stringify says what happened. */
  toJSON(): object {
    return Object.assign({ name: this.name, message: this.message }, this);
  }
}
