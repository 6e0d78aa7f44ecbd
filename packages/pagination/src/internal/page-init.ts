import type { MaybeOptionalInit } from "openapi-fetch";
import type { PaginatedPath, paths } from "@ultravox-api/types";

/**
 * The init `client.GET(path, init)` takes for a paginated path: path params, query filters
 * (`status`, `search`…), headers. Reusing openapi-fetch's own type keeps it exactly in step with the client.
 */
export type PageInit<P extends PaginatedPath> = MaybeOptionalInit<paths[P], "get">;

/**
 * `[init, options]` with `init` optional only when the path needs no parameters, as with `client.GET`.
 */
export type WalkArgs<P extends PaginatedPath, Options> = undefined extends PageInit<P>
  ? [init?: PageInit<P>, options?: Options]
  : [init: PageInit<P>, options?: Options];
