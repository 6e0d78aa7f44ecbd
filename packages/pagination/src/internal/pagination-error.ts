import { UltravoxError } from "@ultravox-api/client";

/** Why a walk stopped on its own (API and network errors are thrown as they are, not wrapped). */
export type PaginationErrorReason = "cursor-loop" | "invalid-page" | "invalid-link";

/** What a `PaginationError` carries besides its message. */
export interface PaginationErrorFields {
  /** Which contract the server broke. */
  readonly reason: PaginationErrorReason;
  /** The cursor to resume from: every item before it has been delivered (`null`: the first page). */
  readonly cursor: string | null;
}

/**
 * The server's pagination broke its contract: a cursor repeated (which would loop forever),
 * a body that is not the `{ results, next, previous }` envelope, or a link without a `cursor`.
 * An `UltravoxError`, so `isUltravoxError` recognises it; `cause` is the underlying error, if any.
 */
export class PaginationError extends UltravoxError<PaginationErrorFields> {
  /** Literal class name, also set on the prototype. */
  declare name: "PaginationError";
  /** Which contract the server broke. */
  declare readonly reason: PaginationErrorReason;
  /** The cursor to resume from: every item before it has been delivered. */
  declare readonly cursor: string | null;

  static {
    this.prototype.name = "PaginationError";
  }
}
