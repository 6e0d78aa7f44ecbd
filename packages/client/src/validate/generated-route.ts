/** An ajv standalone validator: true when valid, else false with `errors` set (ajv's ErrorObject, `verbose`). */
export interface GeneratedValidator {
  (data: unknown): boolean;
  errors?: readonly AjvError[] | null;
}

/** The fields of ajv's ErrorObject the drift report reads (`verbose: true` adds schema and data). */
export interface AjvError {
  readonly keyword: string;
  readonly instancePath: string;
  readonly schemaPath: string;
  readonly params: Readonly<Record<string, unknown>>;
  readonly message?: string;
  readonly schema?: unknown;
  readonly data?: unknown;
}

/** [method, path template, operationId, validators by status code or "default"] */
export type GeneratedRoute = readonly [method: string, template: string, operationId: string, validators: Readonly<Record<string, GeneratedValidator>>];
