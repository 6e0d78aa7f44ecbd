/** The raw body a webhook carries: text, or bytes in any of the platform's byte containers (`Buffer` is a `Uint8Array`). */
export type WebhookBody = string | Uint8Array | ArrayBuffer | ArrayBufferView;

/** Headers as a Fetch `Headers` object or a plain record such as Node's `IncomingHttpHeaders` (names case-insensitive, repeated values as arrays). */
export type WebhookHeaders = Headers | Readonly<Record<string, string | readonly string[] | undefined>>;
