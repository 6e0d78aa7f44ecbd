import { describe, expect, it } from "vitest";
import { bumpForClass, CHANGE_CLASSES, classRank, failsOn, maxClass, type ChangeClass, type FailOn } from "../src/classify.js";

const counts = (over: Partial<Record<ChangeClass, number>>): Record<ChangeClass, number> => ({
  breaking: 0,
  "runtime-breaking": 0,
  additive: 0,
  docs: 0,
  none: 0,
  ...over,
});

describe("change classes", () => {
  it("rank from most to least severe in CHANGE_CLASSES order", () => {
    expect(CHANGE_CLASSES).toEqual(["breaking", "runtime-breaking", "additive", "docs", "none"]);
    expect(CHANGE_CLASSES.map(classRank)).toEqual([4, 3, 2, 1, 0]);
  });

  const maxRows: { given: ChangeClass[]; want: ChangeClass }[] = [
    { given: [], want: "none" },
    { given: ["docs"], want: "docs" },
    { given: ["docs", "additive", "none"], want: "additive" },
    { given: ["runtime-breaking", "additive"], want: "runtime-breaking" },
    { given: ["additive", "breaking", "runtime-breaking"], want: "breaking" },
  ];
  it.each(maxRows)("maxClass($given) = $want", ({ given, want }) => {
    expect(maxClass(...given)).toBe(want);
  });

  it("keeps the first of equally severe classes (the order does not matter)", () => {
    expect(maxClass("docs", "docs")).toBe("docs");
  });

  const bumpRows: { given: ChangeClass; want: string | undefined }[] = [
    { given: "breaking", want: "major" },
    { given: "runtime-breaking", want: "major" },
    { given: "additive", want: "minor" },
    { given: "docs", want: "patch" },
    { given: "none", want: undefined },
  ];
  it.each(bumpRows)("bumpForClass($given) = $want", ({ given, want }) => {
    expect(bumpForClass(given)).toBe(want);
  });
});

describe("failsOn", () => {
  const rows: { name: string; level: FailOn; given: Partial<Record<ChangeClass, number>>; flags?: string[]; allow?: boolean; want: boolean }[] = [
    { name: "breaking fails breaking", level: "breaking", given: { breaking: 1 }, want: true },
    { name: "runtime-breaking fails breaking", level: "breaking", given: { "runtime-breaking": 1 }, want: true },
    { name: "runtime-breaking allowed passes breaking", level: "breaking", given: { "runtime-breaking": 1 }, allow: true, want: false },
    { name: "breaking still fails when runtime is allowed", level: "breaking", given: { breaking: 1, "runtime-breaking": 2 }, allow: true, want: true },
    { name: "additive passes breaking", level: "breaking", given: { additive: 3 }, flags: ["response-enum-growth"], want: false },
    { name: "enum growth fails soft", level: "soft", given: { additive: 1 }, flags: ["response-enum-growth"], want: true },
    { name: "additive without growth passes soft", level: "soft", given: { additive: 1 }, want: false },
    { name: "breaking fails soft", level: "soft", given: { breaking: 1 }, want: true },
    { name: "additive fails additive", level: "additive", given: { additive: 1 }, want: true },
    { name: "allowed runtime-breaking still fails additive", level: "additive", given: { "runtime-breaking": 1 }, allow: true, want: true },
    { name: "docs and none pass additive", level: "additive", given: { docs: 4, none: 2 }, want: false },
  ];
  it.each(rows)("$name", ({ level, given, flags = [], allow, want }) => {
    expect(failsOn(level, { counts: counts(given), flags }, allow === undefined ? {} : { allowRuntimeBreaking: allow })).toBe(want);
  });
});
