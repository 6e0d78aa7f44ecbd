import { SpecError } from "../spec-error.js";

/** Runs a CLI body: one line on stderr and exit code 1 on failure (2 for bad usage). */
export function runCli(name: string, main: () => Promise<void>): void {
  main().catch((error: unknown) => {
    if (error instanceof SpecError) {
      process.stderr.write(`${name}: ${error.message}\n`);
      process.exitCode = error.message.startsWith("usage:") ? 2 : 1;
      return;
    }
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(`${name}: unexpected failure: ${message.split("\n")[0] ?? ""}\n`);
    if (process.env["DEBUG"]) console.error(error);
    process.exitCode = 1;
  });
}
