/** One answered request, as the journal keeps it. */
export interface JournalEntry {
  /** 1, 2, 3… in arrival order; keeps counting across `clear()`. */
  readonly seq: number;
  /** When the request arrived, on the mock's clock (ISO 8601). */
  readonly time: string;
  /** Upper-case HTTP method. */
  readonly method: string;
  /** The URL path, e.g. `/api/agents/…/scheduled_batches`. */
  readonly path: string;
  /** Query parameters (the first value of a repeated one). */
  readonly query: Readonly<Record<string, string>>;
  /** The HTTP status answered (0 for a connection dropped by a reset fault). */
  readonly status: number;
  /** Wall time spent answering, injected latency included. */
  readonly durationMs: number;
  /** The tenant's id (never the API key itself), or null when the request was not authenticated. */
  readonly tenant: string | null;
  /** Set when the mock itself decided the answer: "status" or "reset" (injected faults), "rate-limit:<scope>". */
  readonly fault?: string;
}

/** Which entries `mock.journal.list` (and `GET /__mock/journal`) returns: every field given must match. */
export interface JournalFilter {
  /** Case-insensitive. */
  readonly method?: string;
  /** Exact path. */
  readonly path?: string;
  /** Paths starting with this, e.g. `/api/calls`. */
  readonly pathPrefix?: string;
  /** One status, or any of several. */
  readonly status?: number | readonly number[];
  /** A tenant's id (as in `JournalEntry.tenant`); null selects unauthenticated requests. */
  readonly tenant?: string | null;
}
