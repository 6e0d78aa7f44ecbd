/** Method and redacted URL of each response our fetch returned, so `unwrap` can name the request. */
export const responseMeta = new WeakMap<Response, { method: string; url: string }>();
