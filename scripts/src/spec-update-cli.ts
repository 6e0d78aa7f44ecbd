#!/usr/bin/env node
import { parseArgs } from "node:util";
import { runCli } from "./internal/run-cli.js";
import { SpecError } from "./spec-error.js";
import { updateSpec } from "./spec-update.js";

const USAGE =
  "usage: pnpm spec:update [--from <file-or-url>] [--lock-only-if-docs] [--offline]\n" +
  "Pulls the spec, diffs it against the lock and prints the report (Markdown) on stdout.\n" +
  "docs/none only: writes nothing (with --lock-only-if-docs: updates the lock, nothing else).\n" +
  "additive/breaking: locks it, runs pnpm build, pnpm typecheck and the package tests, then writes a\n" +
  "changeset in .changeset/; a failing step puts lock, spec and generated sources back.\n";

runCli("spec:update", async () => {
  let values;
  try {
    ({ values } = parseArgs({
      options: {
        from: { type: "string" },
        "lock-only-if-docs": { type: "boolean" },
        offline: { type: "boolean" },
        help: { type: "boolean" },
      },
    }));
  } catch (error) {
    throw new SpecError(`usage: ${error instanceof Error ? error.message : String(error)}; see --help`);
  }
  if (values.help) {
    process.stdout.write(USAGE);
    return;
  }
  const result = await updateSpec({
    from: values.from,
    ...(values["lock-only-if-docs"] === undefined ? {} : { lockOnlyIfDocs: values["lock-only-if-docs"] }),
    ...(values.offline === undefined ? {} : { offline: values.offline }),
    // The report first, so that it is in the log even when a later step fails.
    onDiff: (_diff, report) => process.stdout.write(report),
  });
  const where = result.changeset ? `, wrote .changeset/${result.changeset.file}` : "";
  process.stderr.write(`spec:update: ${result.action} (${result.diff.class})${where}\n`);
});
