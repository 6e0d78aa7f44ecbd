import type { PaginatedItem, PaginatedPath } from "@ultravox-api/types";
import type { UltravoxClientLike } from "./internal/client-like.js";
import type { WalkArgs } from "./internal/page-init.js";
import type { Page } from "./internal/page.js";
import { PageWalk } from "./internal/page-walk.js";
import type { PaginateOptions } from "./internal/paginate-options.js";
import { walkSetup } from "./internal/walk-setup.js";
import type { Walker } from "./internal/walker.js";

/**
 * Walks a cursor-paginated list page by page. Filters in `init` are sent with every page; only the
 * cursor changes. Nothing is requested until iteration starts.
 */
export function pages<P extends PaginatedPath, Media extends `${string}/${string}`>(
  client: UltravoxClientLike<Media>,
  path: P,
  ...[init, options]: WalkArgs<P, PaginateOptions>
): Walker<Page<PaginatedItem<P>>> {
  return new PageWalk(walkSetup(client, path, init, options)) as Walker<Page<PaginatedItem<P>>>;
}
