import { fetchPage } from "./fetch-page.js";
import type { Page } from "./page.js";
import { PaginationError } from "./pagination-error.js";
import type { WalkSetup } from "./walk-setup.js";
import type { Walker } from "./walker.js";

type NextStep = { readonly cursor: string } | { readonly error: PaginationError } | null;

const ignore = (): undefined => undefined;

/** Page-level walk: follows `next` (or `previous`) cursors, prefetches, enforces limits and loop detection. */
export class PageWalk implements Walker<Page<unknown>> {
  readonly #setup: WalkSetup;
  #cursor: string | null;
  #done = false;
  #started = false;

  constructor(setup: WalkSetup) {
    this.#setup = setup;
    this.#cursor = setup.startCursor;
  }

  get cursor(): string | null {
    return this.#cursor;
  }

  get done(): boolean {
    return this.#done;
  }

  [Symbol.asyncIterator](): AsyncIterator<Page<unknown>> {
    if (this.#started) {
      throw new Error("Pagination: a walker can be iterated once; start a new walk with { startCursor: walker.cursor }.");
    }
    this.#started = true;
    return this.#walk();
  }

  async *#walk(): AsyncGenerator<Page<unknown>, void, undefined> {
    const setup = this.#setup;
    const userSignals = setup.signals;
    // Our own controller cancels a prefetch in flight when the consumer stops early. Without prefetch no
    // request is in flight while the consumer holds a page, so the caller's signal (if any) is enough.
    const controller = setup.prefetch ? new AbortController() : undefined;
    const signals = controller === undefined ? userSignals : [controller.signal, ...userSignals];
    const signal = signals.length > 1 ? AbortSignal.any([...signals]) : signals[0];
    const request = { ...setup.request, signal };
    const seen = new Set<string>();
    let itemsLeft = setup.maxItems;
    let pagesLeft = setup.maxPages;

    const load = (cursor: string | null): Promise<Page<unknown>> => {
      // Rejecting (not throwing) keeps an abort for later: a page already fetched is still delivered first.
      const aborted = userSignals.find((s) => s.aborted);
      if (aborted !== undefined) return Promise.reject(aborted.reason as Error);
      if (cursor !== null) seen.add(cursor);
      pagesLeft -= 1;
      const pending = fetchPage(request, cursor);
      // A prefetch may be abandoned (break); its rejection must not surface as unhandled.
      pending.catch(ignore);
      return pending;
    };

    if (itemsLeft <= 0 || pagesLeft <= 0) return;
    try {
      let pending = load(this.#cursor);
      for (;;) {
        let page: Page<unknown>;
        try {
          page = await pending;
        } catch (error) {
          const aborted = userSignals.find((s) => s.aborted);
          // Report the caller's abort reason rather than whatever the fetch implementation wrapped it in.
          throw aborted === undefined ? error : aborted.reason;
        }
        const following = setup.backward ? page.previousCursor : page.nextCursor;
        const cut = page.items.length > itemsLeft;
        const delivered = cut ? { ...page, items: page.items.slice(0, itemsLeft) } : page;
        itemsLeft -= delivered.items.length;

        let next: NextStep = null;
        if (cut) {
          // Part of this page is undelivered, so resuming must start at this page again.
          this.#cursor = page.cursor;
        } else if (following === null) {
          this.#cursor = null;
          this.#done = true;
        } else {
          this.#cursor = following;
          if (seen.has(following)) {
            next = {
              error: new PaginationError(
                `Pagination: GET ${setup.request.path} returned cursor "${following}" a second time; stopping instead of looping.`,
                { reason: "cursor-loop", cursor: following },
              ),
            };
          } else if (itemsLeft > 0 && pagesLeft > 0) {
            next = { cursor: following };
          }
        }

        const nextCursor = next !== null && "cursor" in next ? next.cursor : null;
        const prefetched = nextCursor !== null && setup.prefetch;
        if (prefetched) pending = load(nextCursor);
        yield delivered;
        if (next !== null && "error" in next) throw next.error;
        if (nextCursor === null) return;
        if (!prefetched) pending = load(nextCursor);
      }
    } finally {
      controller?.abort();
    }
  }
}
