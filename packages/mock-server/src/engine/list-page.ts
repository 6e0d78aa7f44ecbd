import type { OperationBehaviour, OperationCall } from "../behaviour.js";
import type { CoreResponse } from "../pipeline/core-exchange.js";
import { json, jsonText } from "../pipeline/respond.js";
import { NEWEST_FIRST, sortItems } from "./item-order.js";
import { viewList } from "./list-filters.js";
import { sortedPage } from "./sorted-page.js";

/**
 * A list operation's answer. While the tenant is unchanged (its store's version holds) the page
 * built for a URL is served again: a page is a pure function of the state and the URL.
 */
export function listAnswer(call: OperationCall, behaviour: OperationBehaviour, pageCache: boolean): CoreResponse {
  const { store, request } = call;
  if (!pageCache) return page(call, behaviour);
  const cached = store.pages.get(request.url.href, store.version);
  if (cached !== undefined) return cached;
  const version = store.version;
  const response = page(call, behaviour);
  store.pages.set(request.url.href, version, response);
  return response;
}

function page(call: OperationCall, behaviour: OperationBehaviour): CoreResponse {
  const { operation: op, query } = call;
  const all = call.store.items(call.path);
  const { items, order } = viewList(op, query, all, behaviour.list?.(call, all));
  if (!op.paginated) {
    const sorted = order === undefined ? items : sortItems(items, order).map((entry) => entry.item);
    return json(200, sorted.map((item) => item.value));
  }
  // As DRF: a page size below 1 means the default, one above the maximum means the maximum.
  const asked = typeof query["pageSize"] === "number" ? query["pageSize"] : 0;
  const pageSize = asked < 1 ? op.pageSize.default : Math.min(asked, op.pageSize.max);
  const cursor = typeof query["cursor"] === "string" ? query["cursor"] : undefined;
  return jsonText(200, sortedPage(items, order ?? NEWEST_FIRST, { cursor, pageSize, url: call.request.url, total: op.envelopeTotal }));
}
