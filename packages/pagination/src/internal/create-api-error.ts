// Stand-in with the exact signature of @ultravox-api/client's createApiError until that package exports it.
export interface ApiErrorInit {
  readonly method: string;
  readonly url: string;
  readonly status: number;
  readonly headers: Headers;
  readonly body: unknown;
  readonly cause?: unknown;
}

export class UltravoxApiError extends Error {
  override readonly name = "UltravoxApiError";
  readonly status: number;
  readonly body: unknown;
  constructor(init: ApiErrorInit) {
    super(`${init.method} ${init.url} failed with HTTP ${init.status}.`);
    this.status = init.status;
    this.body = init.body;
  }
}

export function createApiError(init: ApiErrorInit): UltravoxApiError {
  return new UltravoxApiError(init);
}
