import { SpecError } from "../spec-error.js";
import { queryJsonPath } from "./json-path.js";

export interface OverlayAction {
  readonly target: string;
  readonly description: string;
  readonly update?: unknown;
  readonly remove?: boolean;
}

export interface Overlay {
  readonly overlay: string;
  readonly info: { readonly title: string; readonly version: string };
  readonly actions: readonly OverlayAction[];
}

/** Checks that a parsed file is an OpenAPI Overlay 1.0 whose every action says why it exists. */
export function checkOverlay(value: unknown, origin: string): Overlay {
  const o = value as Partial<Overlay> | null;
  if (typeof o !== "object" || o === null || typeof o.overlay !== "string" || !o.overlay.startsWith("1.")) {
    throw new SpecError(`${origin} is not an OpenAPI Overlay 1.x document`);
  }
  const actions: unknown = o.actions;
  if (!Array.isArray(actions)) throw new SpecError(`${origin} has no actions list`);
  (actions as Partial<OverlayAction>[]).forEach((action, i) => {
    if (typeof action.target !== "string") throw new SpecError(`${origin}: action ${i} has no target`);
    if (typeof action.description !== "string" || action.description.trim() === "") {
      throw new SpecError(`${origin}: action ${i} (${action.target}) has no description saying why it exists`);
    }
    if (action.update === undefined && action.remove !== true) {
      throw new SpecError(`${origin}: action ${i} (${action.target}) neither updates nor removes`);
    }
  });
  return o as Overlay;
}

/** Applies the actions in order, mutating `doc` (callers pass a fresh parse). Returns matches per action. */
export function applyOverlay(doc: unknown, overlay: Overlay): number[] {
  return overlay.actions.map((action) => {
    const matches = queryJsonPath(doc, action.target);
    if (action.remove === true) {
      // Remove from the end so that array indexes stay valid.
      for (const { parent, key } of [...matches].reverse()) {
        if (Array.isArray(parent) && typeof key === "number") parent.splice(key, 1);
        else if (parent && key !== undefined) Reflect.deleteProperty(parent, key);
      }
    } else {
      for (const match of matches) mergeInto(match.value, action.update);
    }
    return matches.length;
  });
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

// Overlay 1.0 merge: objects merge recursively, arrays take the update's items appended, scalars are replaced.
function mergeInto(target: unknown, update: unknown): void {
  if (Array.isArray(target)) {
    if (Array.isArray(update)) target.push(...(structuredClone(update) as unknown[]));
    else target.push(structuredClone(update));
    return;
  }
  if (!isPlainObject(target) || !isPlainObject(update)) return;
  for (const [key, value] of Object.entries(update)) {
    const current = target[key];
    if ((isPlainObject(current) && isPlainObject(value)) || (Array.isArray(current) && Array.isArray(value))) {
      mergeInto(current, value);
    } else {
      target[key] = structuredClone(value);
    }
  }
}
