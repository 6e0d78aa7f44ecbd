import type { Page } from "./page.js";
import type { PageWalk } from "./page-walk.js";
import type { Walker } from "./walker.js";

const DONE: IteratorReturnResult<undefined> = Object.freeze({ done: true, value: undefined });

/**
 * Item-level view of a page walk; its cursor moves past a page only once the page's last item is handed out.
 * A hand-rolled iterator rather than an async generator: items of a fetched page are handed out from memory,
 * and skipping the generator machinery per item keeps `paginate` as fast as a hand-written loop.
 */
export class ItemWalk implements Walker<unknown> {
  readonly #pages: PageWalk;
  #cursor: string | null;
  #done = false;
  #started = false;

  constructor(pages: PageWalk) {
    this.#pages = pages;
    this.#cursor = pages.cursor;
  }

  get cursor(): string | null {
    return this.#cursor;
  }

  get done(): boolean {
    return this.#done;
  }

  [Symbol.asyncIterator](): AsyncIterator<unknown, undefined> {
    if (this.#started) {
      throw new Error("Pagination: a walker can be iterated once; start a new walk with { startCursor: walker.cursor }.");
    }
    this.#started = true;
    const pageIterator = this.#pages[Symbol.asyncIterator]();
    let page: Page<unknown> | undefined;
    let index = 0;
    let finished = false;
    let pulling: Promise<IteratorResult<unknown, undefined>> | undefined;

    const catchUp = (): void => {
      this.#cursor = this.#pages.cursor;
      this.#done = this.#pages.done;
    };

    const take = (current: Page<unknown>): IteratorResult<unknown, undefined> => {
      const value = current.items[index];
      index += 1;
      // Move the cursor before handing out the last item: once it is delivered the page is complete.
      if (index === current.items.length) catchUp();
      return { done: false, value };
    };

    const pull = async (): Promise<IteratorResult<unknown, undefined>> => {
      for (;;) {
        let result: IteratorResult<Page<unknown>>;
        try {
          result = await pageIterator.next();
        } catch (error) {
          finished = true;
          catchUp();
          throw error;
        }
        if (result.done === true) {
          finished = true;
          catchUp();
          return DONE;
        }
        page = result.value;
        index = 0;
        // Until its last item is out, resuming must start at this page.
        this.#cursor = page.cursor;
        if (page.items.length > 0) return take(page);
        catchUp();
      }
    };

    const next = (): Promise<IteratorResult<unknown, undefined>> => {
      // Calls made while a page is loading wait for it, so items are never handed out twice or out of order.
      if (pulling !== undefined) return pulling.then(next, next);
      if (finished) return Promise.resolve(DONE);
      if (page !== undefined && index < page.items.length) return Promise.resolve(take(page));
      pulling = pull().finally(() => {
        pulling = undefined;
      });
      return pulling;
    };

    return {
      next,
      return: async (): Promise<IteratorResult<unknown, undefined>> => {
        finished = true;
        await pageIterator.return?.();
        return DONE;
      },
    };
  }
}
