/**
 * True where a page's scripts run (a `window` with a `document`, and a `navigator`), where an API key
 * in the code is readable by anyone who opens the page. Workers, Node, Deno and edge runtimes are not.
 */
export function isBrowserLike(scope: object): boolean {
  const { window, navigator } = scope as { window?: { document?: unknown } | null; navigator?: unknown };
  return !!window?.document && navigator !== undefined;
}
