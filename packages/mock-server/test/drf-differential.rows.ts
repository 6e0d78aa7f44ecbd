/**
 * The table of the DRF differential test. `want` is DRF 3.14's answer (Django 3.2,
 * django-filter 23.1, Debian bookworm); `kind` is the issue kind a row belongs to:
 * 1 check order, 2 non-UUID ids, 3 auth, 4 query parsing, 5 error bodies, 6 HEAD/OPTIONS/Allow,
 * 7 server-assigned fields, 8 no invented values, 9 media types and missing bodies, 10 defaults.
 */
import { NON_JSON, type Field } from "./support/drf-differential-compare.js";

export interface Row {
  readonly name: string;
  readonly kind: 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9 | 10;
  readonly method: string;
  /**
   * `{agent}`, `{batch}`, `{throttle}`, `{doomed}` (a throttle the DELETE row removes), `{upperAgent}`
   * are each server's ids; `{absent}` a UUID no one has. Rows run in order.
   */
  readonly path: string;
  /** Default "valid". "other": another account's key. */
  readonly key?: "valid" | "other" | "wrong" | "empty" | "none" | "unsafe";
  readonly body?: unknown;
  readonly rawBody?: string;
  readonly headers?: Readonly<Record<string, string>>;
  /** A value derived from each JSON body, compared too (e.g. whether an id sent was kept). */
  readonly probe?: (json: unknown) => unknown;
  readonly want: {
    readonly status: number;
    /** Default application/json; null for none. */
    readonly contentType?: string | null;
    readonly allow: string | null;
    readonly wwwAuthenticate?: string;
    /** `Access-Control-*` headers; default none. */
    readonly cors?: Readonly<Record<string, string>>;
    /** The normalised body (see bodyShape). */
    readonly body?: unknown;
    /** The exact JSON body. */
    readonly json?: unknown;
    readonly page?: { readonly count: number; readonly total: number; readonly next: boolean; readonly previous: boolean };
    readonly probe?: unknown;
  };
  /**
   * Where the mock does not match DRF yet: exactly these fields differ today (asserted), and why.
   * Whoever fixes the mock shrinks `fields` (or deletes the entry) as the answers come to match.
   */
  readonly mockPending?: Pending;
  /** A deliberate difference: why, and the fields left out of the comparison. */
  readonly mockDiffers?: { readonly reason: string; readonly ignore: readonly Field[] };
}

const THROTTLES = "/api/call_throttles";
const THROTTLE = "/api/call_throttles/{throttle}";
const BATCHES = "/api/agents/{agent}/scheduled_batches";
const BATCH = "/api/agents/{agent}/scheduled_batches/{batch}";
const CALLS = `${BATCH}/scheduled_calls`;

/** DRF's Allow: the view's methods in http_method_names order, HEAD and OPTIONS last. */
const LIST_CREATE = "GET, POST, HEAD, OPTIONS";
const LIST = "GET, HEAD, OPTIONS";
const ITEM = "GET, PUT, PATCH, DELETE, HEAD, OPTIONS";
const BATCH_ITEM = "GET, PATCH, DELETE, HEAD, OPTIONS";

const NOT_PROVIDED = { detail: "Authentication credentials were not provided." };
const INCORRECT = { detail: "Incorrect authentication credentials." };
const AUTH_SCHEME = "X-API-Key";
const NOT_FOUND = { detail: "Not found." };
/** Django's stock 404 page (DEBUG off, no handler404): a path no route matches. */
const ROUTING_MISS = { status: 404, contentType: "text/html", allow: null, body: NON_JSON } as const;

const methodNotAllowed = (method: string): unknown => ({ detail: `Method "${method}" not allowed.` });
const required = { status: 400, allow: LIST_CREATE } as const;
const goodRules = [{ maxCalls: 5, windowSeconds: 60 }];
const call = { templateContext: { i: 0 } };
const batchBody = (extra: Record<string, unknown>): Record<string, unknown> => ({ webhookUrl: "https://example.com/hook", calls: [call], ...extra });

const THROTTLE_SHAPE = { created: "string", name: "string", rules: [{ maxCalls: "number", windowSeconds: "number" }], throttleId: "string" };
const BATCH_SHAPE = {
  batchId: "string",
  completedCount: "number",
  created: "string",
  endedAt: null,
  paused: "boolean",
  throttle: null,
  totalCount: "number",
  webhookSecret: null,
  webhookUrl: "string",
  windowEnd: null,
  windowStart: null,
};

export interface Pending {
  readonly fields: readonly Field[];
  readonly reason: string;
}


const rowsOfOrder: Row[] = [
  { name: "PUT on a list without a key: 401 before 405", kind: 1, method: "PUT", path: THROTTLES, key: "none", want: { status: 401, allow: LIST_CREATE, wwwAuthenticate: AUTH_SCHEME, json: NOT_PROVIDED } },
  { name: "POST on a read-only list without a key: 401 before 405", kind: 1, method: "POST", path: CALLS, key: "none", body: {}, want: { status: 401, allow: LIST, wwwAuthenticate: AUTH_SCHEME, json: NOT_PROVIDED } },
  { name: "DELETE on a list with a wrong key: 401 before 405", kind: 1, method: "DELETE", path: THROTTLES, key: "wrong", want: { status: 401, allow: LIST_CREATE, wwwAuthenticate: AUTH_SCHEME, json: INCORRECT } },
  { name: "PUT on a batch (no PUT in the spec) with a key: 405", kind: 1, method: "PUT", path: BATCH, body: batchBody({}), want: { status: 405, allow: BATCH_ITEM, json: methodNotAllowed("PUT") } },
  { name: "POST on a read-only list with a key: 405", kind: 1, method: "POST", path: CALLS, body: {}, want: { status: 405, allow: LIST, json: methodNotAllowed("POST") } },
  { name: "PUT on a batch that does not exist: 405 before the lookup's 404", kind: 1, method: "PUT", path: "/api/agents/{agent}/scheduled_batches/{absent}", body: batchBody({}), want: { status: 405, allow: BATCH_ITEM, json: methodNotAllowed("PUT") } },
  { name: "an agent that does not exist, without a key: 401 before the lookup's 404", kind: 1, method: "GET", path: "/api/agents/{absent}/scheduled_batches/{batch}/scheduled_calls", key: "none", want: { status: 401, allow: LIST, wwwAuthenticate: AUTH_SCHEME, json: NOT_PROVIDED } },
  { name: "an agent that does not exist, with a key: 404 from the view", kind: 1, method: "GET", path: "/api/agents/{absent}/scheduled_batches/{batch}/scheduled_calls", want: { status: 404, allow: LIST, json: NOT_FOUND } },
  { name: "malformed JSON without a key: 401 before the body is read", kind: 1, method: "POST", path: THROTTLES, key: "none", rawBody: "{", headers: { "content-type": "application/json" }, want: { status: 401, allow: LIST_CREATE, wwwAuthenticate: AUTH_SCHEME, json: NOT_PROVIDED } },
  { name: "an unknown path without a key: 404 before auth", kind: 1, method: "GET", path: "/api/no_such_things", key: "none", want: ROUTING_MISS },
];

const rowsOfIds: Row[] = [
  { name: "a batch id that is not a UUID: routing 404", kind: 2, method: "GET", path: "/api/agents/{agent}/scheduled_batches/not-a-uuid/scheduled_calls", want: ROUTING_MISS },
  { name: "an agent id that is not a UUID: routing 404", kind: 2, method: "GET", path: "/api/agents/not-a-uuid/scheduled_batches", want: ROUTING_MISS },
  { name: "a non-UUID id without a key: 404, not 401", kind: 2, method: "GET", path: "/api/call_throttles/123", key: "none", want: ROUTING_MISS },
  { name: "a non-UUID id on a method the route lacks: 404, not 405", kind: 2, method: "POST", path: "/api/call_throttles/123", body: {}, want: ROUTING_MISS },
  { name: "an upper-case UUID: Django's uuid converter takes lower case only", kind: 2, method: "GET", path: "/api/agents/{upperAgent}/scheduled_batches", want: ROUTING_MISS },
  { name: "a trailing slash: routing 404 (APPEND_SLASH only appends)", kind: 2, method: "GET", path: "/api/call_throttles/", want: ROUTING_MISS },
];

const rowsOfAuth: Row[] = [
  { name: "GET without a key", kind: 3, method: "GET", path: CALLS, key: "none", want: { status: 401, allow: LIST, wwwAuthenticate: AUTH_SCHEME, json: NOT_PROVIDED } },
  { name: "GET with a wrong key", kind: 3, method: "GET", path: CALLS, key: "wrong", want: { status: 401, allow: LIST, wwwAuthenticate: AUTH_SCHEME, json: INCORRECT } },
  { name: "GET with an empty key header: as if none", kind: 3, method: "GET", path: THROTTLES, key: "empty", want: { status: 401, allow: LIST_CREATE, wwwAuthenticate: AUTH_SCHEME, json: NOT_PROVIDED } },
  { name: "POST with a wrong key", kind: 3, method: "POST", path: THROTTLES, key: "wrong", body: { name: "x", rules: goodRules }, want: { status: 401, allow: LIST_CREATE, wwwAuthenticate: AUTH_SCHEME, json: INCORRECT } },
  { name: "OPTIONS without a key: 401 (DRF authenticates OPTIONS too)", kind: 3, method: "OPTIONS", path: THROTTLES, key: "none", want: { status: 401, allow: LIST_CREATE, wwwAuthenticate: AUTH_SCHEME, json: NOT_PROVIDED } },
  { name: "HEAD without a key: 401 without a body", kind: 3, method: "HEAD", path: CALLS, key: "none", want: { status: 401, allow: LIST, wwwAuthenticate: AUTH_SCHEME, body: "" } },
  { name: "another account's agent: 404", kind: 3, method: "GET", path: CALLS, key: "other", want: { status: 404, allow: LIST, json: NOT_FOUND } },
];

const calls = (page: { count: number; total: number; next: boolean; previous?: boolean }): Row["want"] => ({
  status: 200,
  allow: LIST,
  page: { previous: false, ...page },
});

const rowsOfQuery: Row[] = [
  { name: "first page: default page size 10, total 12", kind: 4, method: "GET", path: CALLS, want: calls({ count: 10, total: 12, next: true }) },
  { name: "pageSize=3", kind: 4, method: "GET", path: `${CALLS}?pageSize=3`, want: calls({ count: 3, total: 12, next: true }) },
  { name: "a repeated scalar: the last value counts (status)", kind: 4, method: "GET", path: `${CALLS}?status=SUCCESS&status=FUTURE`, want: calls({ count: 10, total: 12, next: true }) },
  { name: "a repeated scalar: the last value counts (pageSize)", kind: 4, method: "GET", path: `${CALLS}?pageSize=5&pageSize=3`, want: calls({ count: 3, total: 12, next: true }) },
  { name: "an empty filter is no filter", kind: 4, method: "GET", path: `${CALLS}?status=`, want: calls({ count: 10, total: 12, next: true }) },
  { name: "a filter value that matches nothing", kind: 4, method: "GET", path: `${CALLS}?status=SUCCESS`, want: calls({ count: 0, total: 0, next: false }) },
  { name: "a filter value that matches all", kind: 4, method: "GET", path: `${CALLS}?status=FUTURE&pageSize=20`, want: calls({ count: 12, total: 12, next: false }) },
  { name: "a filter value not among the choices: django-filter's 400", kind: 4, method: "GET", path: `${CALLS}?status=BOGUS`, want: { status: 400, allow: LIST, json: { status: ["Select a valid choice. BOGUS is not one of the available choices."] } } },
  { name: "choices are case-sensitive", kind: 4, method: "GET", path: `${CALLS}?status=future`, want: { status: 400, allow: LIST, json: { status: ["Select a valid choice. future is not one of the available choices."] } } },
  { name: "pageSize not a number: the default", kind: 4, method: "GET", path: `${CALLS}?pageSize=abc`, want: calls({ count: 10, total: 12, next: true }) },
  { name: "pageSize=0: the default", kind: 4, method: "GET", path: `${CALLS}?pageSize=0`, want: calls({ count: 10, total: 12, next: true }) },
  { name: "a negative pageSize: the default", kind: 4, method: "GET", path: `${CALLS}?pageSize=-3`, want: calls({ count: 10, total: 12, next: true }) },
  { name: "a fractional pageSize: the default", kind: 4, method: "GET", path: `${CALLS}?pageSize=2.5`, want: calls({ count: 10, total: 12, next: true }) },
  { name: "pageSize above the maximum: capped at 100, no error", kind: 4, method: "GET", path: `${CALLS}?pageSize=500`, want: calls({ count: 12, total: 12, next: false }) },
  // Python's int() reads the page size: what it takes is served, anything else is the default.
  { name: "pageSize with underscores between digits (int() reads 1_1)", kind: 4, method: "GET", path: `${CALLS}?pageSize=1_1`, want: calls({ count: 11, total: 12, next: true }) },
  { name: "pageSize with a sign and spaces around", kind: 4, method: "GET", path: `${CALLS}?pageSize=%20%2B3%20`, want: calls({ count: 3, total: 12, next: true }) },
  { name: "pageSize in fullwidth digits", kind: 4, method: "GET", path: `${CALLS}?pageSize=%EF%BC%93`, want: calls({ count: 3, total: 12, next: true }) },
  { name: "pageSize in hex: the default", kind: 4, method: "GET", path: `${CALLS}?pageSize=0x3`, want: calls({ count: 10, total: 12, next: true }) },
  { name: "pageSize with an exponent: the default", kind: 4, method: "GET", path: `${CALLS}?pageSize=3e0`, want: calls({ count: 10, total: 12, next: true }) },
  { name: "pageSize written as a float: the default", kind: 4, method: "GET", path: `${CALLS}?pageSize=3.0`, want: calls({ count: 10, total: 12, next: true }) },
  { name: "an empty cursor: the first page", kind: 4, method: "GET", path: `${CALLS}?cursor=&pageSize=3`, want: calls({ count: 3, total: 12, next: true }) },
  { name: "a cursor that does not decode: 404 Invalid cursor", kind: 4, method: "GET", path: `${CALLS}?cursor=abc`, want: { status: 404, allow: LIST, json: { detail: "Invalid cursor" } } },
  { name: "an unknown parameter is ignored", kind: 4, method: "GET", path: `${CALLS}?colour=blue`, want: calls({ count: 10, total: 12, next: true }) },
];

const batchErrors = (body: unknown): Row["want"] => ({ status: 400, allow: LIST_CREATE, json: body });

const rowsOfBodies: Row[] = [
  { name: "nested many=True: an empty list", kind: 5, method: "POST", path: BATCHES, body: batchBody({ calls: [] }), want: batchErrors({ calls: { non_field_errors: ["This list may not be empty."] } }) },
  { name: "nested many=True: a dict instead of a list", kind: 5, method: "POST", path: BATCHES, body: batchBody({ calls: {} }), want: batchErrors({ calls: { non_field_errors: ['Expected a list of items but got type "dict".'] } }) },
  { name: "nested many=True: a string instead of a list names Python's str", kind: 5, method: "POST", path: BATCHES, body: batchBody({ calls: "x" }), want: batchErrors({ calls: { non_field_errors: ['Expected a list of items but got type "str".'] } }) },
  { name: "nested many=True: an item that is not an object names Python's int", kind: 5, method: "POST", path: BATCHES, body: batchBody({ calls: [call, 5] }), want: batchErrors({ calls: [{}, { non_field_errors: ["Invalid data. Expected a dictionary, but got int."] }] }) },
  { name: "nested many=True: item errors are a list with {} for valid items", kind: 5, method: "POST", path: THROTTLES, body: { name: "t", rules: [...goodRules, { maxCalls: 5.5, windowSeconds: 60 }] }, want: { ...required, json: { rules: [{}, { maxCalls: ["A valid integer is required."] }] } } },
  { name: "nested many=True: a required field missing in an item", kind: 5, method: "POST", path: THROTTLES, body: { name: "t", rules: [{ maxCalls: 5 }] }, want: { ...required, json: { rules: [{ windowSeconds: ["This field is required."] }] } } },
  { name: "nested many=True: a dict instead of a list (throttle rules)", kind: 5, method: "POST", path: THROTTLES, body: { name: "t", rules: {} }, want: { ...required, json: { rules: { non_field_errors: ['Expected a list of items but got type "dict".'] } } } },
  { name: "PUT without a required field: 400 (a full update)", kind: 5, method: "PUT", path: THROTTLE, body: { name: "renamed" }, want: { status: 400, allow: ITEM, json: { rules: ["This field is required."] } } },
  { name: "PATCH: item errors of a nested list keep the list shape", kind: 5, method: "PATCH", path: THROTTLE, body: { rules: [...goodRules, { maxCalls: 101, windowSeconds: 60 }] }, want: { status: 400, allow: ITEM, json: { rules: [{}, { maxCalls: ["Ensure this value is less than or equal to 100."] }] } } },
  { name: "a required field missing", kind: 5, method: "POST", path: BATCHES, body: { webhookUrl: "https://example.com/hook" }, want: batchErrors({ calls: ["This field is required."] }) },
  { name: "an integer field given a boolean", kind: 5, method: "POST", path: THROTTLES, body: { name: "t", rules: [{ maxCalls: true, windowSeconds: 60 }] }, want: { ...required, json: { rules: [{ maxCalls: ["A valid integer is required."] }] } } },
  { name: "an integer field given a numeric string: DRF accepts it", kind: 5, method: "POST", path: THROTTLES, body: { name: "t", rules: [{ maxCalls: "7", windowSeconds: 60 }] }, want: { status: 201, allow: LIST_CREATE, body: THROTTLE_SHAPE } },
  { name: "an integer below the minimum", kind: 5, method: "POST", path: THROTTLES, body: { name: "t", rules: [{ maxCalls: 0, windowSeconds: 60 }] }, want: { ...required, json: { rules: [{ maxCalls: ["Ensure this value is greater than or equal to 1."] }] } } },
  { name: "a string field given a boolean", kind: 5, method: "POST", path: THROTTLES, body: { name: true, rules: goodRules }, want: { ...required, json: { name: ["Not a valid string."] } } },
  { name: "a string field given a number: DRF's CharField accepts it", kind: 5, method: "POST", path: THROTTLES, body: { name: 5, rules: goodRules }, want: { status: 201, allow: LIST_CREATE, body: THROTTLE_SHAPE } },
  { name: "a string field given null", kind: 5, method: "POST", path: THROTTLES, body: { name: null, rules: goodRules }, want: { ...required, json: { name: ["This field may not be null."] } } },
  { name: "a string field given an empty string", kind: 5, method: "POST", path: THROTTLES, body: { name: "", rules: goodRules }, want: { ...required, json: { name: ["This field may not be blank."] } }, mockDiffers: { reason: "the spec's shape decides: name has no minLength, so the mock accepts \"\" (201); DRF's CharField refuses blanks unless allow_blank=True, and whether the API's serializer sets it is not in the spec (drf-spectacular writes no minLength without split request components)", ignore: ["status", "body"] } },
  { name: "a string field too long", kind: 5, method: "POST", path: THROTTLES, body: { name: "x".repeat(65), rules: goodRules }, want: { ...required, json: { name: ["Ensure this field has no more than 64 characters."] } } },
  { name: "a boolean field given a word DRF knows", kind: 5, method: "POST", path: BATCHES, body: batchBody({ paused: "yes" }), want: { status: 201, allow: LIST_CREATE, body: BATCH_SHAPE } },
  { name: "a boolean field given another word", kind: 5, method: "POST", path: BATCHES, body: batchBody({ paused: "maybe" }), want: batchErrors({ paused: ["Must be a valid boolean."] }) },
  { name: "a date-time in the wrong format", kind: 5, method: "POST", path: BATCHES, body: batchBody({ windowStart: "tomorrow" }), want: batchErrors({ windowStart: ["Datetime has wrong format. Use one of these formats instead: YYYY-MM-DDThh:mm[:ss[.uuuuuu]][+HH:MM|-HH:MM|Z]."] }) },
  { name: "a URL that is not one", kind: 5, method: "POST", path: BATCHES, body: batchBody({ webhookUrl: "not a url" }), want: batchErrors({ webhookUrl: ["Enter a valid URL."] }) },
  { name: "a dict field given a list names Python's list (metadata)", kind: 5, method: "POST", path: BATCHES, body: batchBody({ calls: [call, { metadata: [] }] }), want: batchErrors({ calls: [{}, { metadata: ['Expected a dictionary of items but got type "list".'] }] }), mockDiffers: { reason: "the spec's shape decides: it gives a scheduled call's metadata no type, so the mock accepts [] (201); the reference ASSUMES DictField(child=CharField()) from the docs' 'All values must be strings'", ignore: ["status", "body"] } },
  { name: "a body that is a JSON list", kind: 5, method: "POST", path: THROTTLES, body: [1, 2], want: { ...required, json: { non_field_errors: ["Invalid data. Expected a dictionary, but got list."] } } },
  { name: "a CharField is stripped of Python's whitespace before it is stored", kind: 5, method: "POST", path: THROTTLES, body: { name: " \u3000\tpadded name\u0085\n", rules: goodRules }, probe: (json) => (json as { name?: unknown }).name, want: { status: 201, allow: LIST_CREATE, body: THROTTLE_SHAPE, probe: "padded name" } },
  { name: "a CharField's length counts what is left after stripping", kind: 5, method: "POST", path: THROTTLES, body: { name: ` ${"x".repeat(64)}  `, rules: goodRules }, want: { status: 201, allow: LIST_CREATE, body: THROTTLE_SHAPE } },
  { name: "a URLField is stripped too", kind: 5, method: "POST", path: BATCHES, body: batchBody({ webhookUrl: "  https://hooks.example.com/calls \n" }), probe: (json) => (json as { webhookUrl?: unknown }).webhookUrl, want: { status: 201, allow: LIST_CREATE, body: BATCH_SHAPE, probe: "https://hooks.example.com/calls" } },
  { name: "a choice is not stripped (a filter's)", kind: 4, method: "GET", path: `${CALLS}?status=%20FUTURE`, want: { status: 400, allow: LIST, json: { status: ["Select a valid choice.  FUTURE is not one of the available choices."] } } },
  { name: "malformed JSON", kind: 5, method: "POST", path: THROTTLES, rawBody: "{", headers: { "content-type": "application/json" }, want: { ...required, json: { detail: "JSON parse error - Expecting property name enclosed in double quotes: line 1 column 2 (char 1)" } } },
  { name: "JSON whose fault V8 gives no position for", kind: 5, method: "POST", path: THROTTLES, rawBody: '{"name": tru}', headers: { "content-type": "application/json" }, want: { ...required, json: { detail: "JSON parse error - Expecting value: line 1 column 10 (char 9)" } } },
  { name: "JSON with a fault after astral characters: Python counts code points", kind: 5, method: "POST", path: THROTTLES, rawBody: '{"name": "😀😀",\n "rules": [1,]}', headers: { "content-type": "application/json" }, want: { ...required, json: { detail: "JSON parse error - Expecting value: line 2 column 14 (char 28)" } } },
  { name: "JSON with NaN: DRF's strict JSON refuses it", kind: 5, method: "POST", path: THROTTLES, rawBody: '{"name": "n", "rules": [{"maxCalls": NaN, "windowSeconds": 1}]}', headers: { "content-type": "application/json" }, want: { ...required, json: { detail: "JSON parse error - Out of range float values are not JSON compliant: 'NaN'" } } },
  { name: "JSON behind a UTF-8 BOM", kind: 5, method: "POST", path: THROTTLES, rawBody: '\ufeff{"name": "n", "rules": []}', headers: { "content-type": "application/json" }, want: { ...required, json: { detail: "JSON parse error - Unexpected UTF-8 BOM (decode using utf-8-sig): line 1 column 1 (char 0)" } } },
];

const rowsOfMethods: Row[] = [
  { name: "HEAD: GET's status and headers, no body", kind: 6, method: "HEAD", path: CALLS, want: { status: 200, allow: LIST, body: "" } },
  { name: "HEAD on an item", kind: 6, method: "HEAD", path: THROTTLE, want: { status: 200, allow: ITEM, body: "" } },
  {
    name: "OPTIONS on a list+create: 200 with metadata and POST actions",
    kind: 6,
    method: "OPTIONS",
    path: THROTTLES,
    want: {
      status: 200,
      allow: LIST_CREATE,
      body: {
        actions: {
          POST: {
            created: { label: "string", read_only: "boolean", required: "boolean", type: "string" },
            name: { label: "string", max_length: "number", read_only: "boolean", required: "boolean", type: "string" },
            rules: {
              child: {
                children: {
                  maxCalls: { help_text: "string", label: "string", max_value: "number", min_value: "number", read_only: "boolean", required: "boolean", type: "string" },
                  windowSeconds: { help_text: "string", label: "string", max_value: "number", min_value: "number", read_only: "boolean", required: "boolean", type: "string" },
                },
                read_only: "boolean",
                required: "boolean",
                type: "string",
              },
              label: "string",
              read_only: "boolean",
              required: "boolean",
              type: "string",
            },
            throttleId: { label: "string", read_only: "boolean", required: "boolean", type: "string" },
          },
        },
        description: "string",
        name: "string",
        parses: ["string", "string", "string"],
        renders: ["string"],
      },
    },
  },
  { name: "OPTIONS on a read-only list: metadata without actions", kind: 6, method: "OPTIONS", path: CALLS, want: { status: 200, allow: LIST, body: { description: "string", name: "string", parses: ["string", "string", "string"], renders: ["string"] } } },
  { name: "OPTIONS on a batch (PATCH only): no actions", kind: 6, method: "OPTIONS", path: BATCH, want: { status: 200, allow: BATCH_ITEM, body: { description: "string", name: "string", parses: ["string", "string", "string"], renders: ["string"] } } },
  { name: "Allow on a 200 list", kind: 6, method: "GET", path: `${CALLS}?pageSize=1`, want: { status: 200, allow: LIST, page: { count: 1, total: 12, next: true, previous: false } } },
  { name: "Allow on a 200 item with every method", kind: 6, method: "GET", path: THROTTLE, want: { status: 200, allow: ITEM, body: THROTTLE_SHAPE } },
  { name: "Allow on a 404 from the view", kind: 6, method: "DELETE", path: "/api/call_throttles/{absent}", want: { status: 404, allow: ITEM, json: NOT_FOUND } },
  { name: "DELETE: 204 with Allow and no body", kind: 6, method: "DELETE", path: "/api/call_throttles/{doomed}", want: { status: 204, contentType: null, allow: ITEM, body: "" } },
  { name: "GET after DELETE: 404", kind: 6, method: "GET", path: "/api/call_throttles/{doomed}", want: { status: 404, allow: ITEM, json: NOT_FOUND } },
  { name: "Allow with 405 lists HEAD and OPTIONS", kind: 6, method: "DELETE", path: CALLS, want: { status: 405, allow: LIST, json: methodNotAllowed("DELETE") } },
];

const ORIGIN = { origin: "https://demo.example" };
/** django-cors-headers 3.14's preflight answer with CORS_ALLOW_ALL_ORIGINS and x-unsafe-api-key added. */
const PREFLIGHT_CORS = {
  "access-control-allow-headers": "accept, accept-encoding, authorization, content-type, dnt, origin, user-agent, x-csrftoken, x-requested-with, x-unsafe-api-key",
  "access-control-allow-methods": "DELETE, GET, OPTIONS, PATCH, POST, PUT",
  "access-control-allow-origin": "*",
  "access-control-max-age": "86400",
};
const preflight = (requested: string): Readonly<Record<string, string>> => ({
  ...ORIGIN,
  "access-control-request-method": "POST",
  "access-control-request-headers": requested,
});

const rowsOfCors: Row[] = [
  { name: "CORS preflight naming X-Unsafe-API-Key: 200 before routing and auth", kind: 6, method: "OPTIONS", path: THROTTLES, key: "none", headers: preflight("content-type, x-unsafe-api-key"), want: { status: 200, contentType: "text/html", allow: null, cors: PREFLIGHT_CORS, body: "" } },
  { name: "CORS preflight naming X-API-Key: the same answer (the browser, not the server, refuses)", kind: 6, method: "OPTIONS", path: CALLS, key: "none", headers: preflight("x-api-key"), want: { status: 200, contentType: "text/html", allow: null, cors: PREFLIGHT_CORS, body: "" } },
  { name: "CORS: a request with X-Unsafe-API-Key from another origin", kind: 6, method: "GET", path: `${CALLS}?pageSize=1`, key: "unsafe", headers: ORIGIN, want: { status: 200, allow: LIST, cors: { "access-control-allow-origin": "*" }, page: { count: 1, total: 12, next: true, previous: false } } },
  { name: "CORS: a 401 from another origin carries Access-Control-Allow-Origin too", kind: 6, method: "GET", path: CALLS, key: "none", headers: ORIGIN, want: { status: 401, allow: LIST, wwwAuthenticate: AUTH_SCHEME, cors: { "access-control-allow-origin": "*" }, json: NOT_PROVIDED } },
];

const sentId = "11111111-1111-4111-8111-111111111111";

const rowsOfAssigned: Row[] = [
  {
    name: "create: throttleId and created in the body are ignored",
    kind: 7,
    method: "POST",
    path: THROTTLES,
    body: { throttleId: sentId, created: "2001-01-01T00:00:00Z", name: "t", rules: goodRules },
    probe: (json) => [(json as Record<string, unknown>)["throttleId"] === sentId, (json as Record<string, unknown>)["created"] === "2001-01-01T00:00:00Z"],
    want: { status: 201, allow: LIST_CREATE, body: THROTTLE_SHAPE, probe: [false, false] },
  },
  {
    name: "update: batchId, totalCount and created in a PATCH are ignored",
    kind: 7,
    method: "PATCH",
    path: BATCH,
    body: { batchId: sentId, totalCount: 99, completedCount: 99, created: "2001-01-01T00:00:00Z", endedAt: "2001-01-01T00:00:00Z" },
    probe: (json) => {
      const batch = json as Record<string, unknown>;
      return [batch["batchId"] === sentId, batch["totalCount"], batch["completedCount"], batch["created"] === "2001-01-01T00:00:00Z", batch["endedAt"]];
    },
    want: { status: 200, allow: BATCH_ITEM, body: BATCH_SHAPE, probe: [false, 12, 0, false, null] },
  },
];

const rowsOfValues: Row[] = [
  { name: "a created batch: omitted optional fields are null or their default (paused: false)", kind: 8, method: "POST", path: BATCHES, body: batchBody({}), want: { status: 201, allow: LIST_CREATE, body: BATCH_SHAPE } },
  { name: "a created throttle has only what was sent plus server fields", kind: 8, method: "POST", path: THROTTLES, body: { name: "t", rules: [] }, want: { status: 201, allow: LIST_CREATE, body: { ...THROTTLE_SHAPE, rules: [] } } },
];

const rowsOfMore: Row[] = [
  { name: "HEAD on a routing miss: Django's 404, no Allow", kind: 6, method: "HEAD", path: "/api/no_such_things", want: { status: 404, contentType: "text/html", allow: null, body: "" } },
  { name: "OPTIONS on an item with PUT: PUT actions", kind: 6, method: "OPTIONS", path: THROTTLE, want: { status: 200, allow: ITEM, body: {
    actions: { PUT: {
      created: { label: "string", read_only: "boolean", required: "boolean", type: "string" },
      name: { label: "string", max_length: "number", read_only: "boolean", required: "boolean", type: "string" },
      rules: { child: { children: {
        maxCalls: { help_text: "string", label: "string", max_value: "number", min_value: "number", read_only: "boolean", required: "boolean", type: "string" },
        windowSeconds: { help_text: "string", label: "string", max_value: "number", min_value: "number", read_only: "boolean", required: "boolean", type: "string" },
      }, read_only: "boolean", required: "boolean", type: "string" }, label: "string", read_only: "boolean", required: "boolean", type: "string" },
      throttleId: { label: "string", read_only: "boolean", required: "boolean", type: "string" },
    } },
    description: "string", name: "string", parses: ["string", "string", "string"], renders: ["string"],
  } } },
  { name: "CORS: a routing miss from another origin carries Access-Control-Allow-Origin", kind: 6, method: "GET", path: "/api/no_such_things", headers: ORIGIN, want: { ...ROUTING_MISS, cors: { "access-control-allow-origin": "*" } } },
  { name: "a nested many=True list given null: the field's own message", kind: 5, method: "POST", path: THROTTLES, body: { name: "t", rules: null }, want: { ...required, json: { rules: ["This field may not be null."] } } },
  { name: "a body that is JSON null: No data provided", kind: 9, method: "POST", path: THROTTLES, rawBody: "null", headers: { "content-type": "application/json" }, want: { ...required, json: { non_field_errors: ["No data provided"] } } },
  { name: "an integer field given \"5.0\": DRF's IntegerField drops the .0", kind: 5, method: "POST", path: THROTTLES, body: { name: "t", rules: [{ maxCalls: "5.0", windowSeconds: "60" }] }, want: { status: 201, allow: LIST_CREATE, body: THROTTLE_SHAPE } },
  { name: "an integer field given \"5.5\": refused", kind: 5, method: "POST", path: THROTTLES, body: { name: "t", rules: [{ maxCalls: "5.5", windowSeconds: 60 }] }, want: { ...required, json: { rules: [{ maxCalls: ["A valid integer is required."] }] } } },
  { name: "a boolean field given 0", kind: 5, method: "POST", path: BATCHES, body: batchBody({ paused: 0 }), want: { status: 201, allow: LIST_CREATE, body: BATCH_SHAPE } },
  { name: "a boolean field given \"OFF\" (any case)", kind: 5, method: "POST", path: BATCHES, body: batchBody({ paused: "OFF" }), want: { status: 201, allow: LIST_CREATE, body: BATCH_SHAPE } },
  { name: "a repeated filter with an empty last value: no filter", kind: 4, method: "GET", path: `${CALLS}?status=SUCCESS&status=`, want: calls({ count: 10, total: 12, next: true }) },
  { name: "an empty pageSize: the default", kind: 4, method: "GET", path: `${CALLS}?pageSize=`, want: calls({ count: 10, total: 12, next: true }) },
  { name: "PUT on a list with a key: 405 after auth and throttle", kind: 1, method: "PUT", path: THROTTLES, body: {}, want: { status: 405, allow: LIST_CREATE, json: methodNotAllowed("PUT") } },
];

const rowsOfMedia: Row[] = [
  { name: "POST without a body: 400 with every required field", kind: 9, method: "POST", path: THROTTLES, want: { ...required, json: { name: ["This field is required."], rules: ["This field is required."] } } },
  { name: "POST without a body on a nested create", kind: 9, method: "POST", path: BATCHES, want: batchErrors({ calls: ["This field is required."] }) },
  { name: "POST with an empty JSON object", kind: 9, method: "POST", path: THROTTLES, body: {}, want: { ...required, json: { name: ["This field is required."], rules: ["This field is required."] } } },
  { name: "PATCH with no body: nothing required, 200", kind: 9, method: "PATCH", path: BATCH, want: { status: 200, allow: BATCH_ITEM, body: BATCH_SHAPE } },
  { name: "a media type no parser takes: 415", kind: 9, method: "POST", path: THROTTLES, rawBody: "name=t", headers: { "content-type": "text/plain" }, want: { status: 415, allow: LIST_CREATE, json: { detail: 'Unsupported media type "text/plain" in request.' } } },
  {
    name: "a form body where the spec offers only JSON",
    kind: 9,
    method: "POST",
    path: THROTTLES,
    rawBody: "name=t",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    want: { ...required, json: { rules: ["This field is required."] } },
    mockDiffers: {
      reason: "DRF's default parsers read forms; the spec offers only application/json for this operation and whether production narrowed its parsers is unknown, so the mock keeps 415",
      ignore: ["status", "body", "allow"],
    },
  },
];

const rowsOfDefaults: Row[] = [
  {
    name: "a batch window of one second",
    kind: 10,
    method: "POST",
    path: BATCHES,
    body: batchBody({ windowStart: "2030-01-01T00:00:00Z", windowEnd: "2030-01-01T00:00:01Z" }),
    want: { status: 201, allow: LIST_CREATE, body: { ...BATCH_SHAPE, windowEnd: "string", windowStart: "string" } },
    mockDiffers: {
      reason: "Ultravox rule, not DRF's: the API refuses a window too short for its calls (400 on windowEnd), and so does the mock by default (defaults.test.ts); the reference has no Ultravox rules, so the table's mock runs with lifecycle: false and only the status and body may differ",
      ignore: ["status", "body"],
    },
  },
];

export const ROWS: readonly Row[] = [
  ...rowsOfOrder,
  ...rowsOfIds,
  ...rowsOfAuth,
  ...rowsOfQuery,
  ...rowsOfBodies,
  ...rowsOfMethods,
  ...rowsOfCors,
  ...rowsOfAssigned,
  ...rowsOfValues,
  ...rowsOfMedia,
  ...rowsOfDefaults,
  ...rowsOfMore,
];
