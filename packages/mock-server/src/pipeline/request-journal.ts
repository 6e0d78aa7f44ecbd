import type { JournalEntry, JournalFilter } from "../journal-entry.js";

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

/** Default number of entries kept (the oldest are dropped first). */
export const DEFAULT_JOURNAL_CAPACITY = 10_000;

/**
 * Every request the mock answered, in a ring buffer so a long-running mock keeps bounded memory.
 * Tests read it to assert on what a client really sent ("retried exactly twice").
 *
 * Kept as columns, not an object per request: recording allocates nothing that outlives the
 * request, so a busy mock's journal gives the garbage collector nothing to copy or promote.
 * Entries are built when read, then kept until their slot is reused.
 */
export class RequestJournal {
  readonly capacity: number;
  readonly #seqs: Float64Array;
  readonly #times: Float64Array;
  readonly #durations: Float64Array;
  readonly #statuses: Uint16Array;
  readonly #methods: string[];
  readonly #paths: string[];
  readonly #searches: string[];
  readonly #tenants: (string | null)[];
  readonly #faults: (string | undefined)[];
  readonly #entries: (JournalEntry | undefined)[];
  #next = 0;
  #size = 0;
  #seq = 0;
  #dropped = 0;

  constructor(capacity: number = DEFAULT_JOURNAL_CAPACITY) {
    if (!Number.isInteger(capacity) || capacity < 1) {
      throw new RangeError(`Journal capacity must be an integer >= 1, got ${String(capacity)}.`);
    }
    this.capacity = capacity;
    this.#seqs = new Float64Array(capacity);
    this.#times = new Float64Array(capacity);
    this.#durations = new Float64Array(capacity);
    this.#statuses = new Uint16Array(capacity);
    this.#methods = new Array<string>(capacity).fill("");
    this.#paths = new Array<string>(capacity).fill("");
    this.#searches = new Array<string>(capacity).fill("");
    this.#tenants = new Array<string | null>(capacity).fill(null);
    this.#faults = new Array<string | undefined>(capacity).fill(undefined);
    this.#entries = new Array<JournalEntry | undefined>(capacity).fill(undefined);
  }

  /** Entries kept now. */
  get size(): number {
    return this.#size;
  }

  /** Entries dropped because the buffer was full, since creation or the last `clear()`. */
  get dropped(): number {
    return this.#dropped;
  }

  /** Keeps `record`; returns its place in arrival order (its entry's `seq`). */
  record(record: JournalRecord): number {
    if (this.#size === this.capacity) this.#dropped++;
    else this.#size++;
    const i = this.#next;
    const seq = ++this.#seq;
    this.#seqs[i] = seq;
    this.#times[i] = record.timeMs;
    this.#durations[i] = record.durationMs;
    this.#statuses[i] = record.status;
    this.#methods[i] = record.method;
    this.#paths[i] = record.path;
    this.#searches[i] = record.search;
    this.#tenants[i] = record.tenant;
    this.#faults[i] = record.fault;
    this.#entries[i] = undefined;
    this.#next = (i + 1) % this.capacity;
    return seq;
  }

  /** Kept entries, oldest first, that match every field of `filter`. */
  list(filter: JournalFilter = {}): JournalEntry[] {
    const method = filter.method?.toUpperCase();
    const statuses = filter.status === undefined ? undefined : ([] as number[]).concat(filter.status);
    const out: JournalEntry[] = [];
    const start = (this.#next - this.#size + this.capacity) % this.capacity;
    for (let n = 0; n < this.#size; n++) {
      const entry = this.#entry((start + n) % this.capacity);
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
    // Only the bookkeeping: slots are overwritten before they are read again.
    this.#entries.fill(undefined);
    this.#next = 0;
    this.#size = 0;
    this.#dropped = 0;
  }

  /** The public shape of slot `i` (same fields, same order as always), built once. */
  #entry(i: number): JournalEntry {
    const built = this.#entries[i];
    if (built !== undefined) return built;
    const search = this.#searches[i] ?? "";
    const fault = this.#faults[i];
    const entry: JournalEntry = {
      seq: this.#seqs[i] ?? 0,
      time: new Date(this.#times[i] ?? 0).toISOString(),
      method: this.#methods[i] ?? "",
      path: this.#paths[i] ?? "",
      // As `Object.fromEntries(url.searchParams)` at arrival: the same parse of the same text.
      query: search === "" ? {} : Object.fromEntries(new URLSearchParams(search)),
      status: this.#statuses[i] ?? 0,
      durationMs: this.#durations[i] ?? 0,
      tenant: this.#tenants[i] ?? null,
      ...(fault === undefined ? {} : { fault }),
    };
    this.#entries[i] = entry;
    return entry;
  }
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
