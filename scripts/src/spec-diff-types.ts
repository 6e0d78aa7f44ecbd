import type { ChangeClass } from "./classify.js";

/** Which way data flows through a schema: what a client sends, or what it reads. */
export type Direction = "request" | "response";

/** Extra signals a change carries beyond its class. */
export type ChangeFlag =
  /** A response enum (or union) gained a member: exhaustive `switch` statements need a new case. */
  "response-enum-growth";

export interface SpecChange {
  readonly class: ChangeClass;
  /** A stable rule id, e.g. `operation-removed`, `property-added`, `enum-value-added`. */
  readonly rule: string;
  /** Where in the API, e.g. `ScheduledCall.status` or `GET /api/calls?cursor`. */
  readonly where: string;
  /** One human changelog line, e.g. "`ScheduledCall.status`: new value `ERROR`". */
  readonly message: string;
  readonly flags: readonly ChangeFlag[];
}

/** One operation, one component schema, or the document itself, with its changes. */
export interface DiffEntry {
  /** `GET /api/calls`, a schema name, or `document`. */
  readonly subject: string;
  readonly class: ChangeClass;
  readonly changes: readonly SpecChange[];
}

export interface SpecDiff {
  readonly old: string;
  readonly new: string;
  /** The most severe class of any change (`none` when nothing changed at all). */
  readonly class: ChangeClass;
  readonly counts: Readonly<Record<ChangeClass, number>>;
  readonly flags: readonly ChangeFlag[];
  readonly operations: readonly DiffEntry[];
  readonly schemas: readonly DiffEntry[];
  readonly document: readonly DiffEntry[];
}
