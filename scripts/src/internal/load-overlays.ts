import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { parse } from "yaml";
import { checkOverlay, type Overlay } from "./apply-overlay.js";
import { sha256 } from "./sha256.js";

export interface LoadedOverlays {
  readonly overlays: readonly { readonly file: string; readonly overlay: Overlay }[];
  /** One hash over every overlay file's name and bytes, in application order. */
  readonly sha256: string;
}

/** Loads `spec/overlays/*.yaml` in file-name order (prefix them 010-, 020- to order them). */
export async function loadOverlays(dir: string): Promise<LoadedOverlays> {
  let names: string[];
  try {
    names = (await readdir(dir)).filter((n) => /\.ya?ml$/.test(n)).sort();
  } catch {
    names = [];
  }
  const overlays = [];
  const hashInput: string[] = [];
  for (const name of names) {
    const text = await readFile(join(dir, name), "utf8");
    hashInput.push(name, sha256(text));
    overlays.push({ file: name, overlay: checkOverlay(parse(text), `spec/overlays/${name}`) });
  }
  return { overlays, sha256: sha256(hashInput.join("\n")) };
}
