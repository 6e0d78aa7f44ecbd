/** Why a walk stopped on its own (API and network errors are thrown as they are, not wrapped). */
export type PaginationErrorReason = "cursor-loop" | "invalid-page" | "invalid-link";

/**
 * The server's pagination broke its contract: a cursor repeated (which would loop forever),
 * a body that is not the `{ results, next, previous }` envelope, or a link without a `cursor`.
 */
export class PaginationError extends Error {
  /** Literal class name. */
  override readonly name = "PaginationError";
  /** Which contract the server broke. */
  readonly reason: PaginationErrorReason;
  /** The cursor to resume from: every item before it has been delivered. */
  readonly cursor: string | null;

  constructor(reason: PaginationErrorReason, message: string, cursor: string | null) {
    super(message);
    this.reason = reason;
    this.cursor = cursor;
  }
}
