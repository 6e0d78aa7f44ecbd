/**
 * How much a spec change matters to someone compiling against the generated types, from most to
 * least: `breaking` (code that compiled may not), `additive` (new things, old code still compiles),
 * `docs` (comments and constraints only), `none` (same types, different encoding or metadata).
 */
export type ChangeClass = "breaking" | "additive" | "docs" | "none";

/** Most severe first: the order reports and changesets list them in. */
export const CHANGE_CLASSES: readonly ChangeClass[] = ["breaking", "additive", "docs", "none"];

const rank: Record<ChangeClass, number> = { none: 0, docs: 1, additive: 2, breaking: 3 };

export function classRank(value: ChangeClass): number {
  return rank[value];
}

/** The more severe of the classes given (`none` for none given). */
export function maxClass(...values: readonly ChangeClass[]): ChangeClass {
  let best: ChangeClass = "none";
  for (const value of values) if (rank[value] > rank[best]) best = value;
  return best;
}

/** The semver bump a class asks of the types package; `none` asks for none. */
export function bumpForClass(value: ChangeClass): "major" | "minor" | "patch" | undefined {
  if (value === "breaking") return "major";
  if (value === "additive") return "minor";
  return value === "docs" ? "patch" : undefined;
}
