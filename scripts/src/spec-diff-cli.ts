#!/usr/bin/env node
import { parseArgs } from "node:util";
import { SpecError } from "./spec-error.js";
import { diffSpecs, loadLockedForDiff, loadOverlaidForDiff, loadSpecForDiff } from "./spec-diff.js";
import { formatDiffJson, formatDiffMarkdown } from "./spec-diff-format.js";
import { failsOn } from "./classify.js";

const USAGE =
  "usage: pnpm spec:diff <old> <new> | --locked <new>  [--json] [--fail-on breaking|soft|additive] [--allow-runtime-breaking]\n" +
  "Compares two OpenAPI specs (files or URLs) as a typed client sees them and classifies every change\n" +
  "breaking / runtime-breaking / additive / docs / none. --locked compares the locked spec with <new>, both with our overlays.\n" +
  "--fail-on breaking: exit 1 on a breaking or runtime-breaking change (--allow-runtime-breaking: breaking only);\n" +
  "soft: also on a response enum or union that grew (exhaustive switches need a case); additive: on any typed change.\n" +
  "Exit 2 on bad input.\n";

async function main(): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      allowPositionals: true,
      options: {
        json: { type: "boolean" },
        locked: { type: "boolean" },
        "fail-on": { type: "string" },
        "allow-runtime-breaking": { type: "boolean" },
        help: { type: "boolean" },
      },
    });
  } catch (error) {
    throw new SpecError(`usage: ${String(error instanceof Error ? error.message : error)}; see --help`);
  }
  const { values, positionals } = parsed;
  if (values.help) {
    process.stdout.write(USAGE);
    return 0;
  }
  const failOn = values["fail-on"];
  if (failOn !== undefined && failOn !== "breaking" && failOn !== "soft" && failOn !== "additive") {
    throw new SpecError(`usage: --fail-on takes breaking, soft or additive, not ${JSON.stringify(failOn)}`);
  }
  const want = values.locked ? 1 : 2;
  if (positionals.length !== want) {
    throw new SpecError(`usage: pnpm spec:diff ${values.locked ? "--locked <new>" : "<old> <new>"} (got ${positionals.length} file arguments)`);
  }
  const [first, second] = positionals as [string, string | undefined];
  const [oldSpec, newSpec] = values.locked
    ? [await loadLockedForDiff(), await loadOverlaidForDiff(first)]
    : [await loadSpecForDiff(first), await loadSpecForDiff(second ?? "")];
  const diff = diffSpecs(oldSpec, newSpec);
  process.stdout.write(values.json ? formatDiffJson(diff) : formatDiffMarkdown(diff));
  if (failOn === undefined) return 0;
  return failsOn(failOn, diff, { allowRuntimeBreaking: values["allow-runtime-breaking"] === true }) ? 1 : 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    // Bad input (unreadable, not OpenAPI, dangling $ref, bad flags) is exit 2 with one line, per the CI contract.
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(`spec:diff: ${message.split("\n")[0] ?? ""}\n`);
    if (process.env["DEBUG"]) console.error(error);
    process.exitCode = 2;
  },
);
