import type { ChangeClass } from "../classify.js";
import type { ChangeFlag, Direction, SpecChange } from "../spec-diff-types.js";
import { canonicalJson } from "./canonical-json.js";
import { componentRenames } from "./detect-renames.js";
import type { Shape, ShapeCache } from "./schema-shape.js";

export interface CompareContext {
  readonly old: ShapeCache;
  readonly new: ShapeCache;
  readonly dir: Direction;
  readonly emit: (change: SpecChange) => void;
  /** Pairs of differently named components already being compared (recursive schemas). */
  readonly seen: Set<string>;
}

export function change(cls: ChangeClass, rule: string, where: string, text: string, flags: ChangeFlag[] = []): SpecChange {
  return { class: cls, rule, where, message: `\`${where}\`: ${text}`, flags };
}

/** `a` when the change makes the types wider for this direction's writer, `b` when narrower. */
function byDir(dir: Direction, whenRequest: ChangeClass, whenResponse: ChangeClass): ChangeClass {
  return dir === "request" ? whenRequest : whenResponse;
}

/**
 * Compares two schemas as the generated types see them, in one direction. A client reads responses
 * (wider is breaking, narrower is safe) and writes requests (narrower is breaking, wider is safe).
 * `top` is set for a component's own comparison: nested refs to a component of the same name stop
 * there, since that component is reported once under its own name.
 */
export function compareSchemas(a: unknown, b: unknown, where: string, ctx: CompareContext, top = false, held = false): void {
  const sa = ctx.old.shape(a);
  const sb = ctx.new.shape(b);
  const { dir, emit } = ctx;
  // A union on one side only: its branches are compared with the other side below, constraints included.
  const oneSided = (sa.variants === undefined) !== (sb.variants === undefined);

  // `held`: a branch compared with the schema that replaced its union, whose docs and nullability
  // were compared with the union's already.
  if (!held && sa.docs !== sb.docs) emit(change("docs", "docs-changed", where, "documentation changed"));
  if (!oneSided && sa.constraints !== sb.constraints) compareConstraints(sa, sb, where, ctx);
  if (held) {
    // Said at the union's level.
  } else if (!sa.nullable && sb.nullable) {
    emit(change(byDir(dir, "additive", "breaking"), "nullable-changed", where, dir === "request" ? "now accepts null" : "now nullable"));
  } else if (sa.nullable && !sb.nullable) {
    emit(change(byDir(dir, "breaking", "additive"), "nullable-changed", where, dir === "request" ? "no longer accepts null" : "no longer null"));
  }

  if (!top && sa.name !== undefined && sa.name === sb.name) return;
  if (sa.name !== undefined && sb.name !== undefined) {
    const key = `${sa.name}\u0000${sb.name}\u0000${dir}`;
    if (ctx.seen.has(key)) return;
    ctx.seen.add(key);
  }
  if (!top && sa.name !== sb.name && sa.name !== undefined && sb.name !== undefined) {
    // The property now points at another named type; what follows says whether the shapes differ,
    // unless that type is the old one renamed: its changes are reported once, under its old name.
    emit(change("none", "ref-renamed", where, `now typed as \`${sb.name}\` (was \`${sa.name}\`)`));
    if (componentRenames(ctx.old, ctx.new).get(sa.name) === sb.name) return;
  }

  if (oneSided) {
    // A union that gained or lost its choice (2 branches → 1, or a schema that became a union): the
    // side without a union is that one branch, and the branches say what changed.
    compareVariants(sa.variants ?? [a], sb.variants ?? [b], where, ctx, true);
    return;
  }
  compareTypes(sa, sb, where, ctx);
  compareEnums(sa, sb, where, ctx);
  compareProperties(sa, sb, where, ctx);
  if (sa.additional !== undefined || sb.additional !== undefined) {
    if (sa.additional === undefined) emit(change("additive", "additional-properties-added", where, "now allows extra keys"));
    else if (sb.additional === undefined) emit(change("breaking", "additional-properties-removed", where, "no longer allows extra keys"));
    else compareSchemas(sa.additional, sb.additional, `${where}[key]`, ctx);
  }
  if (sa.items !== undefined || sb.items !== undefined) compareSchemas(sa.items, sb.items, `${where}[]`, ctx);
  if (sa.variants !== undefined && sb.variants !== undefined) compareVariants(sa.variants, sb.variants, where, ctx);
}

function compareTypes(sa: Shape, sb: Shape, where: string, ctx: CompareContext): void {
  const { dir, emit } = ctx;
  if (sa.types === undefined && sb.types === undefined) return;
  const was = formatTypes(sa.types);
  const now = formatTypes(sb.types);
  if (was === now) return;
  let widened: boolean;
  let narrowed: boolean;
  if (sa.types === undefined) [widened, narrowed] = [false, true];
  else if (sb.types === undefined) [widened, narrowed] = [true, false];
  else {
    const { types: ta } = sa;
    const { types: tb } = sb;
    widened = [...tb].some((t) => !ta.has(t));
    narrowed = [...ta].some((t) => !tb.has(t));
  }
  const cls: ChangeClass = dir === "request" ? (narrowed ? "breaking" : "additive") : widened ? "breaking" : "additive";
  emit(change(cls, "type-changed", where, `type ${was} → ${now}`));
}

function compareEnums(sa: Shape, sb: Shape, where: string, ctx: CompareContext): void {
  const { dir, emit } = ctx;
  const ea = sa.enumValues;
  const eb = sb.enumValues;
  if (ea === undefined && eb === undefined) return;
  if (ea === undefined) {
    emit(change(byDir(dir, "breaking", "additive"), "enum-added", where, `now limited to ${eb?.map(code).join(", ") ?? ""}`));
    return;
  }
  if (eb === undefined) {
    emit(change(byDir(dir, "additive", "breaking"), "enum-removed", where, "no longer limited to a set of values"));
    return;
  }
  for (const value of eb.filter((v) => !ea.includes(v))) {
    const flags: ChangeFlag[] = dir === "response" ? ["response-enum-growth"] : [];
    emit(change("additive", `enum-value-added:${value}`, where, `new value ${code(value)}`, flags));
  }
  // A removed value breaks readers too: `case "GONE":` and `x === "GONE"` stop compiling (TS2678, TS2367).
  for (const value of ea.filter((v) => !eb.includes(v))) {
    emit(change("breaking", `enum-value-removed:${value}`, where, `removed value ${code(value)}`));
  }
}

function compareProperties(sa: Shape, sb: Shape, where: string, ctx: CompareContext): void {
  const { dir, emit } = ctx;
  const pa = visible(sa, ctx.old, dir);
  const pb = visible(sb, ctx.new, dir);
  const names = [...new Set([...pa.keys(), ...pb.keys()])].sort();
  for (const name of names) {
    const at = `${where}.${name}`;
    const a = pa.get(name);
    const b = pb.get(name);
    const ra = sa.required.has(name);
    const rb = sb.required.has(name);
    if (b === undefined) {
      emit(change("breaking", "property-removed", at, dir === "request" ? "no longer accepted" : "removed"));
    } else if (a === undefined) {
      if (dir === "request" && rb) emit(change("breaking", "property-added", at, "new required property"));
      else emit(change("additive", "property-added", at, dir === "request" ? "new optional property" : "new property"));
    } else {
      if (ra && !rb) emit(change(byDir(dir, "additive", "breaking"), "required-changed", at, "now optional"));
      if (!ra && rb) emit(change(byDir(dir, "breaking", "additive"), "required-changed", at, "now required"));
      compareSchemas(a, b, at, ctx);
    }
  }
}

/** Properties the direction's generated type has: requests omit readOnly ones, responses writeOnly ones. */
function visible(shape: Shape, cache: ShapeCache, dir: Direction): Map<string, unknown> {
  const out = new Map<string, unknown>();
  for (const [name, raw] of shape.properties) {
    const s = cache.shape(raw);
    if (dir === "request" ? s.readOnly : s.writeOnly) continue;
    out.set(name, raw);
  }
  return out;
}

function compareVariants(variantsA: readonly unknown[], variantsB: readonly unknown[], where: string, ctx: CompareContext, held = false): void {
  const { dir, emit } = ctx;
  // A branch whose component was renamed keeps its place: keyed by the new name on both sides.
  const va = label(variantsA, ctx.old, componentRenames(ctx.old, ctx.new));
  const vb = label(variantsB, ctx.new, new Map());
  for (const [key, raw] of vb) {
    const before = va.get(key);
    if (before === undefined) {
      const flags: ChangeFlag[] = dir === "response" ? ["response-enum-growth"] : [];
      emit(change("additive", `variant-added:${key}`, where, `new variant ${code(key)}`, flags));
    } else compareSchemas(before, raw, `${where}<${key}>`, ctx, false, held);
  }
  for (const key of va.keys()) {
    if (!vb.has(key)) emit(change("breaking", `variant-removed:${key}`, where, `removed variant ${code(key)}`));
  }
}

/** Union branches keyed by component name, or by position among the unnamed ones. */
function label(variants: readonly unknown[], cache: ShapeCache, renames: ReadonlyMap<string, string>): Map<string, unknown> {
  const out = new Map<string, unknown>();
  let unnamed = 0;
  for (const raw of variants) {
    const { name } = cache.shape(raw);
    out.set(name === undefined ? `#${unnamed++}` : (renames.get(name) ?? name), raw);
  }
  return out;
}

function formatTypes(types: ReadonlySet<string> | undefined): string {
  return types === undefined ? "`any`" : types.size === 0 ? "`null`" : `\`${[...types].sort().join(" | ")}\``;
}

function code(value: string): string {
  return `\`${value.startsWith('"') ? (JSON.parse(value) as string) : value}\``;
}

/** Constraints where a larger value lets fewer values through, and where a smaller one does. */
const UPPER = ["maxLength", "maxItems", "maxProperties", "maximum"] as const;
const LOWER = ["minLength", "minItems", "minProperties", "minimum"] as const;

/**
 * Constraints reach the generated types only as comments. Loosened (or in a response) they are docs;
 * tightened in a request, the server refuses values it accepted: runtime-breaking.
 */
function compareConstraints(sa: Shape, sb: Shape, where: string, ctx: CompareContext): void {
  const a = JSON.parse(sa.constraints) as Record<string, unknown>;
  const b = JSON.parse(sb.constraints) as Record<string, unknown>;
  const changed = [...new Set([...Object.keys(a), ...Object.keys(b)])].filter((k) => canonicalJson(a[k]) !== canonicalJson(b[k])).sort();
  // When the type itself changed (string → integer), that change says it; integer-ness adds nothing.
  const retyped = formatTypes(sa.types) !== formatTypes(sb.types);
  const tighter = ctx.dir === "request" ? changed.filter((k) => !(retyped && k === "integer") && tightens(k, a[k], b[k])) : [];
  const looser = changed.filter((k) => !tighter.includes(k));
  if (tighter.length > 0) {
    ctx.emit(change("runtime-breaking", "constraints-tightened", where, `the server now refuses more values (${tighter.map((k) => describeTightening(k, a[k], b[k])).join(", ")})`));
  }
  if (looser.length > 0) ctx.emit(change("docs", "constraints-changed", where, `constraints changed (${looser.join(", ")})`));
}

function tightens(key: string, a: unknown, b: unknown): boolean {
  if (b === undefined || b === false || key === "default") return false;
  if ((UPPER as readonly string[]).includes(key) || key === "exclusiveMaximum") {
    return a === undefined || a === false || (typeof a === "number" && typeof b === "number" && b < a) || (a === true && typeof b === "number");
  }
  if ((LOWER as readonly string[]).includes(key) || key === "exclusiveMinimum") {
    return a === undefined || a === false || (typeof a === "number" && typeof b === "number" && b > a) || (a === true && typeof b === "number");
  }
  // A multiple of the old step only lets through values the old one did.
  if (key === "multipleOf") return typeof a !== "number" || typeof b !== "number" || b % a === 0;
  // integer, uniqueItems: set where they were not; pattern, format: new or different.
  return true;
}

function describeTightening(key: string, a: unknown, b: unknown): string {
  if (key === "integer") return "integers only";
  if (key === "uniqueItems") return "unique items only";
  return a === undefined ? `${key} ${JSON.stringify(b)}` : `${key} ${JSON.stringify(a)} → ${JSON.stringify(b)}`;
}
