import type { PageWalk } from "./page-walk.js";
import type { Walker } from "./walker.js";

/** Item-level view of a page walk; its cursor moves past a page only once the page's last item is handed out. */
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

  [Symbol.asyncIterator](): AsyncIterator<unknown> {
    if (this.#started) {
      throw new Error("Pagination: a walker can be iterated once; start a new walk with { startCursor: walker.cursor }.");
    }
    this.#started = true;
    return this.#walk();
  }

  #catchUp(): void {
    this.#cursor = this.#pages.cursor;
    this.#done = this.#pages.done;
  }

  async *#walk(): AsyncGenerator<unknown, void, undefined> {
    try {
      for await (const page of this.#pages) {
        const last = page.items.length - 1;
        for (let i = 0; i < last; i += 1) {
          this.#cursor = page.cursor;
          yield page.items[i];
        }
        // Move the cursor before handing out the last item: once it is delivered the page is complete.
        this.#catchUp();
        if (last >= 0) yield page.items[last];
      }
    } catch (error) {
      this.#catchUp();
      throw error;
    }
  }
}
