/**
 * An entry of the built package (dist/), as users run it. Not src/ through tsx: tsx compiles with
 * esbuild's keepNames, which wraps every named closure in a naming call per creation (per request in
 * our layer), and src/'s `#platform` import resolves to dist/ anyway. `pnpm bench` builds first.
 */
export async function shipped<Module>(entry: "index.js" | "validate/index.js" | "webhooks/index.js"): Promise<Module> {
  return (await import(new URL(`../dist/${entry}`, import.meta.url).href)) as Module;
}
