import type { PaginatedItem, PaginatedPath } from "@ultravox-api/types";
import type { UltravoxClientLike } from "./internal/client-like.js";
import { ItemWalk } from "./internal/item-walk.js";
import type { WalkArgs } from "./internal/page-init.js";
import { PageWalk } from "./internal/page-walk.js";
import type { PaginateOptions } from "./internal/paginate-options.js";
import { walkSetup } from "./internal/walk-setup.js";
import type { Walker } from "./internal/walker.js";

/**
 * Walks every item of a cursor-paginated list across pages. Filters in `init` are sent with every
 * page; only the cursor changes. Nothing is requested until iteration starts.
 */
export function paginate<P extends PaginatedPath, Media extends `${string}/${string}`>(
  client: UltravoxClientLike<Media>,
  path: P,
  ...[init, options]: WalkArgs<P, PaginateOptions>
): Walker<PaginatedItem<P>> {
  return new ItemWalk(new PageWalk(walkSetup(client, path, init, options))) as Walker<PaginatedItem<P>>;
}
