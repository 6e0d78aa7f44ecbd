/** The list URL with its `cursor` set to `cursor` (URL-safe base64), the other query parameters kept in order. */
export function withCursor(url: URL, cursor: string): string {
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
