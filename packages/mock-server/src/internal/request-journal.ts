/** One answered request, as the journal keeps it. */
export interface JournalEntry {
  /** 1, 2, 3… in arrival order; keeps counting across `clear()`. */
  readonly seq: number;
  /** When the request arrived, on the mock's clock (ISO 8601). */
  readonly time: string;
  readonly method: string;
  /** The URL path, e.g. `/api/agents/…/scheduled_batches`. */
  readonly path: string;
  /** Query parameters (the first value of a repeated one). */
  readonly query: Readonly<Record<string, string>>;
  readonly status: number;
  /** Wall time spent answering, injected latency included. */
  readonly durationMs: number;
  /** The tenant's id (never the API key itself), or null when the request was not authenticated. */
  readonly tenant: string | null;
  /** Set when the mock itself decided the answer: "status" or "reset" (injected faults), "rate-limit:<scope>". */
  readonly fault?: string;
}

/**
 * A request as the mock records it: raw facts, cheap to take per request. The ISO time and the
 * query object of its JournalEntry are built only when the journal is read.
 */
export interface JournalRecord {
  /** Arrival on the mock's clock, in ms since the epoch. */
  readonly timeMs: number;
  readonly method: string;
  readonly path: string;
  /** The URL's search string ("" or "?…"). */
  readonly search: string;
  readonly status: number;
  readonly durationMs: number;
  readonly tenant: string | null;
  readonly fault?: string | undefined;
}

/** A recorded request not read yet. */
interface Pending {
  readonly seq: number;
  readonly record: JournalRecord;
}

export interface JournalFilter {
  /** Case-insensitive. */
  readonly method?: string;
  /** Exact path. */
  readonly path?: string;
  readonly pathPrefix?: string;
  readonly status?: number | readonly number[];
  readonly tenant?: string | null;
}

/** Default number of entries kept (the oldest are dropped first). */
export const DEFAULT_JOURNAL_CAPACITY = 10_000;

/**
 * Every request the mock answered, in a ring buffer so a long-running mock keeps bounded memory.
 * Tests read it to assert on what a client really sent ("retried exactly twice").
 */
export class RequestJournal {
  readonly capacity: number;
  readonly #ring: (JournalEntry | Pending | undefined)[];
  #next = 0;
  #size = 0;
  #seq = 0;
  #dropped = 0;

  constructor(capacity: number = DEFAULT_JOURNAL_CAPACITY) {
    if (!Number.isInteger(capacity) || capacity < 1) {
      throw new RangeError(`Journal capacity must be an integer >= 1, got ${String(capacity)}.`);
    }
    this.capacity = capacity;
    this.#ring = new Array<JournalEntry | Pending | undefined>(capacity);
  }

  /** Entries kept now. */
  get size(): number {
    return this.#size;
  }

  /** Entries dropped because the buffer was full, since creation or the last `clear()`. */
  get dropped(): number {
    return this.#dropped;
  }

  /** Keeps `record`; returns its place in arrival order. */
  record(record: JournalRecord): { readonly seq: number } {
    if (this.#size === this.capacity) this.#dropped++;
    else this.#size++;
    const slot = { seq: ++this.#seq, record };
    this.#ring[this.#next] = slot;
    this.#next = (this.#next + 1) % this.capacity;
    return slot;
  }

  /** Kept entries, oldest first, that match every field of `filter`. */
  list(filter: JournalFilter = {}): JournalEntry[] {
    const method = filter.method?.toUpperCase();
    const statuses = filter.status === undefined ? undefined : ([] as number[]).concat(filter.status);
    const out: JournalEntry[] = [];
    const start = (this.#next - this.#size + this.capacity) % this.capacity;
    for (let i = 0; i < this.#size; i++) {
      const index = (start + i) % this.capacity;
      const slot = this.#ring[index];
      if (slot === undefined) continue;
      const entry = "record" in slot ? toEntry(slot) : slot;
      this.#ring[index] = entry;
      if (method !== undefined && entry.method !== method) continue;
      if (filter.path !== undefined && entry.path !== filter.path) continue;
      if (filter.pathPrefix !== undefined && !entry.path.startsWith(filter.pathPrefix)) continue;
      if (statuses !== undefined && !statuses.includes(entry.status)) continue;
      if (filter.tenant !== undefined && entry.tenant !== filter.tenant) continue;
      out.push(entry);
    }
    return out;
  }

  clear(): void {
    this.#ring.fill(undefined);
    this.#next = 0;
    this.#size = 0;
    this.#dropped = 0;
  }
}

/** The public shape of a recorded request (same fields, same order as always). */
function toEntry({ seq, record }: Pending): JournalEntry {
  return {
    seq,
    time: new Date(record.timeMs).toISOString(),
    method: record.method,
    path: record.path,
    // As `Object.fromEntries(url.searchParams)` at arrival: the same parse of the same text.
    query: record.search === "" ? {} : Object.fromEntries(new URLSearchParams(record.search)),
    status: record.status,
    durationMs: record.durationMs,
    tenant: record.tenant,
    ...(record.fault === undefined ? {} : { fault: record.fault }),
  };
}

/**
 * Reads a journal filter from query parameters (`method`, `path`, `pathPrefix`, `status` — repeatable
 * or comma-separated — and `tenant`), for the admin route. Unknown parameters are reported.
 */
export function journalFilterFromQuery(params: URLSearchParams): { filter: JournalFilter } | { errors: Record<string, string[]> } {
  const errors: Record<string, string[]> = {};
  const filter: { -readonly [K in keyof JournalFilter]: JournalFilter[K] } = {};
  for (const key of new Set(params.keys())) {
    const value = params.get(key) ?? "";
    switch (key) {
      case "method":
        filter.method = value;
        break;
      case "path":
        filter.path = value;
        break;
      case "pathPrefix":
        filter.pathPrefix = value;
        break;
      case "tenant":
        filter.tenant = value;
        break;
      case "status": {
        const parts = params.getAll(key).flatMap((v) => v.split(","));
        const numbers = parts.map((p) => Number(p.trim()));
        if (numbers.some((n) => !Number.isInteger(n))) errors[key] = ["A valid integer (or comma-separated integers) is required."];
        else filter.status = numbers;
        break;
      }
      default:
        errors[key] = ["Unknown filter: use method, path, pathPrefix, status or tenant."];
    }
  }
  return Object.keys(errors).length > 0 ? { errors } : { filter };
}
