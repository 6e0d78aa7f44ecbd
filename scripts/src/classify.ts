/**
 * How much a spec change matters to someone calling the API through the generated types, from most
 * to least: `breaking` (code that compiled may not), `runtime-breaking` (code still compiles, but
 * the server now refuses requests it accepted: a tighter limit, format, pattern or integer-ness
 * that only reaches the types' comments), `additive` (new things, old code still compiles), `docs`
 * (comments and constraints that loosen only), `none` (same types, different encoding or metadata).
 */
export type ChangeClass = "breaking" | "runtime-breaking" | "additive" | "docs" | "none";

/** Most severe first: the order reports and changesets list them in. */
export const CHANGE_CLASSES: readonly ChangeClass[] = ["breaking", "runtime-breaking", "additive", "docs", "none"];

const rank: Record<ChangeClass, number> = { none: 0, docs: 1, additive: 2, "runtime-breaking": 3, breaking: 4 };

export function classRank(value: ChangeClass): number {
  return rank[value];
}

/** The more severe of the classes given (`none` for none given). */
export function maxClass(...values: readonly ChangeClass[]): ChangeClass {
  let best: ChangeClass = "none";
  for (const value of values) if (rank[value] > rank[best]) best = value;
  return best;
}

/**
 * The semver bump a class asks of the types package; `none` asks for none. A runtime-breaking
 * change breaks callers whichever version of the types they use, so it asks for a major release
 * that tells them, like a breaking one.
 */
export function bumpForClass(value: ChangeClass): "major" | "minor" | "patch" | undefined {
  if (value === "breaking" || value === "runtime-breaking") return "major";
  if (value === "additive") return "minor";
  return value === "docs" ? "patch" : undefined;
}

/** What `spec:diff --fail-on` accepts. */
export type FailOn = "breaking" | "soft" | "additive";

/**
 * Whether a diff fails `--fail-on <level>`: `breaking` on any breaking or runtime-breaking change
 * (runtime-breaking unless `allowRuntimeBreaking`), `soft` also on a change that old code handles
 * only with a new case (a response enum or union that grew), `additive` on any change that is not
 * docs or none.
 */
export function failsOn(
  level: FailOn,
  diff: { readonly counts: Readonly<Record<ChangeClass, number>>; readonly flags: readonly string[] },
  options: { readonly allowRuntimeBreaking?: boolean } = {},
): boolean {
  const { counts } = diff;
  const runtime = options.allowRuntimeBreaking === true ? 0 : counts["runtime-breaking"];
  if (counts.breaking + runtime > 0) return true;
  if (level === "breaking") return false;
  if (level === "soft") return diff.flags.includes("response-enum-growth");
  return counts.additive + counts["runtime-breaking"] > 0;
}
