/** Options shared by `paginate`, `pages` and `collect`. */
export interface PaginateOptions {
  /** Items per page, sent as the `pageSize` query parameter on every page. */
  readonly pageSize?: number;
  /** Stop after this many items (the last page is cut to fit). */
  readonly maxItems?: number;
  /** Stop after this many pages (also bounds runs of empty pages that still carry a `next`). */
  readonly maxPages?: number;
  /** Aborts the walk, including the request in flight; the walk then throws `signal.reason`. */
  readonly signal?: AbortSignal;
  /** Resume from this cursor (e.g. a previous walker's `cursor`) instead of the first page. */
  readonly startCursor?: string | null;
  /** `"backward"` follows `previous` links instead of `next`. Items keep their order inside a page. */
  readonly direction?: "forward" | "backward";
  /** Request page n+1 while the consumer handles page n. */
  readonly prefetch?: boolean;
}
