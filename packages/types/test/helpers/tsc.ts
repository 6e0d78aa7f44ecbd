import { execFile } from "node:child_process";
import { writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { join } from "node:path";
import { promisify } from "node:util";

const run = promisify(execFile);
const tscBin = createRequire(import.meta.url).resolve("typescript/bin/tsc");

/**
 * Type-checks `files` under `dir` with our strict base options; resolves to tsc's diagnostics ("" when
 * clean). The base's `skipLibCheck` skips only declaration files (TypeScript's libs, vitest's): every
 * file written here, generated types included, is a `.ts` file and fully checked.
 */
export async function typecheck(dir: string, files: string[]): Promise<string> {
  const base = new URL("../../../../tsconfig.base.json", import.meta.url).pathname;
  await writeFile(join(dir, "package.json"), JSON.stringify({ type: "module" }));
  await writeFile(
    join(dir, "tsconfig.json"),
    JSON.stringify({ extends: base, compilerOptions: { noEmit: true, types: [] }, files }),
  );
  try {
    await run(process.execPath, ["--max-old-space-size=8192", tscBin, "-p", join(dir, "tsconfig.json")], {
      maxBuffer: 64 * 1024 * 1024,
    });
    return "";
  } catch (error) {
    const e = error as { stdout?: string; message: string };
    return e.stdout || e.message;
  }
}
