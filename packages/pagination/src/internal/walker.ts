/**
 * A single-use async iterable over a paginated list that knows where it stands: `cursor` is where to
 * resume so that nothing delivered is lost, whether the walk finished, stopped at a limit, was broken
 * out of, or threw.
 */
export interface Walker<T> extends AsyncIterable<T> {
  /**
   * Pass this as `startCursor` to continue the walk. `null` with `done === false` means "from the first
   * page"; `null` with `done === true` means there is nothing left.
   */
  readonly cursor: string | null;
  /** True once the last page has been delivered (there is no page after it). */
  readonly done: boolean;
}
