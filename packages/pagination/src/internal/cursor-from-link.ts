import { PaginationError } from "./pagination-error.js";

// Only the cursor is taken from a link; its host is ignored so a request never leaves the client's base URL.
const PLACEHOLDER_BASE = "http://relative.invalid/";

/** Reads the `cursor` query parameter from a `next`/`previous` link; `null` when there is no link. */
export function cursorFromLink(link: unknown, kind: "next" | "previous", resumeCursor: string | null): string | null {
  if (link === null || link === undefined || link === "") return null;
  if (typeof link !== "string") {
    throw new PaginationError(`Pagination: "${kind}" is not a URL string.`, { reason: "invalid-page", cursor: resumeCursor });
  }
  let url: URL;
  try {
    url = new URL(link, PLACEHOLDER_BASE);
  } catch (error) {
    throw new PaginationError(
      `Pagination: "${kind}" is not a valid URL.`,
      { reason: "invalid-link", cursor: resumeCursor },
      { cause: error },
    );
  }
  const cursor = url.searchParams.get("cursor");
  if (cursor === null || cursor === "") {
    throw new PaginationError(`Pagination: the "${kind}" link has no cursor parameter.`, {
      reason: "invalid-link",
      cursor: resumeCursor,
    });
  }
  return cursor;
}
