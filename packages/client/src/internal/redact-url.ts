const SECRET_PARAM = /key|token|secret|sig|pass|cred/i;

/** The URL for messages: no user:password, and secret-looking query values (e.g. signed links) hidden. */
export function redactUrl(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return url;
  }
  parsed.username = "";
  parsed.password = "";
  for (const name of new Set(parsed.searchParams.keys())) {
    if (SECRET_PARAM.test(name)) parsed.searchParams.set(name, "REDACTED");
  }
  return parsed.href;
}
