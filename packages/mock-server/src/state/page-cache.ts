import type { CoreResponse } from "../pipeline/core-exchange.js";

/** Pages kept per tenant, and the text they may hold in all, before the cache starts over. */
const MAX_PAGES = 256;
const MAX_CHARS = 4 * 1024 * 1024;

interface Entry {
  readonly version: number;
  readonly response: CoreResponse;
}

/**
 * One tenant's list answers by request URL, each tagged with the tenant's state version when it
 * was built. A list page is a pure function of that state and the URL, so while the version holds
 * the same bytes are served again instead of filtering, paging and joining the items each time
 * (clients poll the same page). Any change to the tenant bumps its version and so drops them all.
 */
export class PageCache {
  readonly #entries = new Map<string, Entry>();
  #chars = 0;

  get(href: string, version: number): CoreResponse | undefined {
    const entry = this.#entries.get(href);
    return entry?.version === version ? entry.response : undefined;
  }

  set(href: string, version: number, response: CoreResponse): void {
    const previous = this.#entries.get(href);
    if (previous !== undefined) {
      this.#entries.delete(href);
      this.#chars -= sizeOf(previous.response);
    }
    const size = sizeOf(response);
    // Bounded both ways: many distinct URLs (a walk's cursors) or a few huge pages.
    if (this.#entries.size >= MAX_PAGES || this.#chars + size > MAX_CHARS) this.clear();
    this.#entries.set(href, { version, response });
    this.#chars += size;
  }

  clear(): void {
    this.#entries.clear();
    this.#chars = 0;
  }
}

function sizeOf(response: CoreResponse): number {
  return typeof response.body === "string" ? response.body.length : (response.body?.byteLength ?? 0);
}
