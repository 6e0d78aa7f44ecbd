/** One page of a cursor-paginated list. */
export interface Page<Item> {
  /** The page's items (`results` of the envelope), in the order the API sent them. */
  readonly items: readonly Item[];
  /** Total count across all pages, when the API sends it (the invoices list does not). */
  readonly total: number | undefined;
  /** The cursor this page was requested with (`null` for the first page). */
  readonly cursor: string | null;
  /** Cursor of the next page, read from the `next` URL (`null` on the last page). */
  readonly nextCursor: string | null;
  /** Cursor of the previous page, read from the `previous` URL (`null` on the first page). */
  readonly previousCursor: string | null;
  /** The HTTP response of this page. */
  readonly response: Response;
}
