/** A query string that form-encodes to itself: name=value pairs of characters URLSearchParams leaves as they are. */
const PLAIN_QUERY = /^(?:[\w.*-]+=[\w.*-]*(?:&[\w.*-]+=[\w.*-]*)*)?$/;

/** The list URL with its `cursor` set to `cursor` (URL-safe base64), the other query parameters kept in order. */
export function withCursor(url: URL, cursor: string): string {
  const search = url.search.slice(1);
  if (PLAIN_QUERY.test(search)) {
    // The same text the URL route below gives, without building a URL for every page.
    const pairs: string[] = [];
    let placed = false;
    for (const pair of search === "" ? [] : search.split("&")) {
      if (!pair.startsWith("cursor=")) pairs.push(pair);
      else if (!placed) pairs.push(`cursor=${cursor}`);
      placed ||= pair.startsWith("cursor=");
    }
    if (!placed) pairs.push(`cursor=${cursor}`);
    return `${url.origin}${url.pathname}?${pairs.join("&")}`;
  }
  const next = new URL(url.pathname, url.origin);
  let placed = false;
  for (const [key, value] of url.searchParams) {
    if (key === "cursor") {
      if (!placed) next.searchParams.append("cursor", cursor);
      placed = true;
    } else {
      next.searchParams.append(key, value);
    }
  }
  if (!placed) next.searchParams.append("cursor", cursor);
  return next.href;
}
