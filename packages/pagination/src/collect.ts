import type { PaginatedItem, PaginatedPath } from "@ultravox-api/types";
import type { UltravoxClientLike } from "./internal/client-like.js";
import { ItemWalk } from "./internal/item-walk.js";
import type { WalkArgs } from "./internal/page-init.js";
import { PageWalk } from "./internal/page-walk.js";
import type { PaginateOptions } from "./internal/paginate-options.js";
import { walkSetup } from "./internal/walk-setup.js";

/** Reads every item of a paginated list into an array; bound it with `maxItems` for large lists. */
export async function collect<P extends PaginatedPath, Media extends `${string}/${string}`>(
  client: UltravoxClientLike<Media>,
  path: P,
  ...[init, options]: WalkArgs<P, PaginateOptions>
): Promise<PaginatedItem<P>[]> {
  const items: PaginatedItem<P>[] = [];
  const walk = new ItemWalk(new PageWalk(walkSetup(client, path, init, options)));
  for await (const item of walk) items.push(item as PaginatedItem<P>);
  return items;
}
