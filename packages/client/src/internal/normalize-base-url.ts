/**
 * The base URL every path is appended to, in one form: trimmed, repeated slashes in its path collapsed
 * and trailing ones removed (`https://api.ultravox.ai//` → `https://api.ultravox.ai`, so paths never
 * start `//api`). Throws a TypeError naming the setting for anything but an absolute http(s) URL
 * without query or fragment.
 */
export function normalizeBaseUrl(given: string, setting: string): string {
  let url: URL | undefined;
  try {
    url = new URL(given.trim());
  } catch {
    // Reported below, with the setting's name.
  }
  if (!url || !/^https?:$/.test(url.protocol) || url.search || url.hash) throw new TypeError(`${setting} must be an absolute http(s) URL`);
  // Drop every slash that another slash or the end follows.
  return url.origin + url.pathname.replace(/\/(?=\/|$)/g, "");
}

/** Where the Ultravox REST API lives. */
export const DEFAULT_BASE_URL = "https://api.ultravox.ai";
