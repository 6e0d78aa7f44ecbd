import { createApiError } from "@ultravox-api/client";
import { cursorFromLink } from "./cursor-from-link.js";
import type { Page } from "./page.js";
import { PaginationError } from "./pagination-error.js";

interface GetResult {
  readonly data?: unknown;
  readonly error?: unknown;
  readonly response: Response;
}

/** The one method of an openapi-fetch client a walk needs, with the path left untyped. */
export interface LooseGetClient {
  GET(path: string, init: Record<string, unknown>): Promise<GetResult>;
}

export interface PageRequest {
  readonly client: LooseGetClient;
  readonly path: string;
  /** The caller's init, without the cursor. */
  readonly init: Readonly<Record<string, unknown>>;
  readonly query: Readonly<Record<string, unknown>>;
  readonly signal: AbortSignal | undefined;
}

// Pages are read with GET; this one constant names both the request and any error built from its answer.
const METHOD = "GET";

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null;
}

/** GETs one page through the client (so its base URL, auth and retries apply) and checks the envelope. */
export async function fetchPage(request: PageRequest, cursor: string | null): Promise<Page<unknown>> {
  const query: Record<string, unknown> = { ...request.query };
  if (cursor !== null) query["cursor"] = cursor;
  const params = isRecord(request.init["params"]) ? request.init["params"] : {};
  const { data, error, response } = await request.client[METHOD](request.path, {
    ...request.init,
    params: { ...params, query },
    // The envelope is JSON whatever parseAs the caller's init carried.
    parseAs: "json",
    ...(request.signal === undefined ? {} : { signal: request.signal }),
  });
  if (error !== undefined || !response.ok) {
    throw createApiError({
      method: METHOD,
      url: response.url === "" ? request.path : response.url,
      status: response.status,
      headers: response.headers,
      body: error,
    });
  }
  if (!isRecord(data) || !Array.isArray(data["results"])) {
    throw new PaginationError(`Pagination: ${METHOD} ${request.path} did not answer with a { results, next, previous } page.`, {
      reason: "invalid-page",
      cursor,
    });
  }
  const total = data["total"];
  return {
    items: data["results"] as unknown[],
    total: typeof total === "number" ? total : undefined,
    cursor,
    nextCursor: cursorFromLink(data["next"], "next", cursor),
    previousCursor: cursorFromLink(data["previous"], "previous", cursor),
    response,
  };
}
