/** Options of {@link createMockHandler} and `startMockServer`. */
export interface MockOptions {
  /** Seeds every generated id, value and fixture: the same seed gives byte-identical answers. Default 0. */
  readonly seed?: number | string;
  /** Accepted API keys, one tenant each. Default: one key generated from the seed. */
  readonly apiKeys?: readonly string[];
  /** Another OpenAPI 3.0 document (parsed) to mock instead of the bundled, locked Ultravox spec. */
  readonly spec?: Readonly<Record<string, unknown>>;
  /**
   * The clock (milliseconds since the epoch) for `created` and other timestamps. Default: fixed at
   * 2025-01-01T00:00:00Z, so answers do not depend on when a test runs.
   */
  readonly now?: () => number;
  /** Request bodies above this many bytes get 413. Default 1 MiB. */
  readonly maxBodyBytes?: number;
  /** URLs longer than this get 414. Default 8192 characters. */
  readonly maxUrlLength?: number;
  /** Items seeded in each read-only top-level list (models, invoices, deleted calls). Default 3. */
  readonly fixtures?: number;
  /** Items seeded in each read-only child list of a new resource (a call's stages…). Default 2. */
  readonly childFixtures?: number;
  /**
   * Reject query parameters the operation does not declare (400). The real API ignores them, so a
   * typo'd filter silently returns everything; the mock says so instead. Default true.
   */
  readonly strictQuery?: boolean;
}

/** The in-process mock: a fetch-style handler over the whole API, with its state. */
export interface MockHandler {
  /** Answers one request: `(request: Request) => Promise<Response>`, e.g. for MSW's `http.all`. */
  readonly handler: (request: Request) => Promise<Response>;
  /** A `fetch` to inject into a client: `createClient({ fetch: mock.fetch })`. */
  readonly fetch: (input: RequestInfo | URL, init?: RequestInit) => Promise<Response>;
  /** The first accepted API key (send it as `X-API-Key`). */
  readonly apiKey: string;
  readonly apiKeys: readonly string[];
  /** How many operations the spec has, all routed. */
  readonly operationCount: number;
  /** Forgets everything created: every tenant is back to its seeded state. */
  reset(): void;
}
