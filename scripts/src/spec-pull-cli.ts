#!/usr/bin/env node
import { parseArgs } from "node:util";
import { runCli } from "./internal/run-cli.js";
import { SpecError } from "./spec-error.js";
import { pullSpec } from "./spec-pull.js";

runCli("spec:pull", async () => {
  let values;
  try {
    ({ values } = parseArgs({
      options: { from: { type: "string" }, "timeout-ms": { type: "string" }, help: { type: "boolean" } },
    }));
  } catch (error) {
    throw new SpecError(`usage: pnpm spec:pull [--from <file-or-url>] [--timeout-ms N] (${String(error)})`);
  }
  if (values.help) {
    process.stdout.write(
      "usage: pnpm spec:pull [--from <file-or-url>] [--timeout-ms N]\n" +
        "Pulls the Ultravox OpenAPI spec (default: ULTRAVOX_SPEC_SOURCE, else spec/sources.json upstream),\n" +
        "validates it, applies spec/overlays and writes spec/openapi.yaml and spec/spec.lock.json.\n",
    );
    return;
  }
  const timeout = values["timeout-ms"] === undefined ? undefined : Number(values["timeout-ms"]);
  const { lock, changed } = await pullSpec({ from: values.from, ...(timeout === undefined ? {} : { timeoutMs: timeout }) });
  process.stdout.write(
    `spec:pull: ${changed ? "locked" : "unchanged"} ${lock.source} (sha256 ${lock.sha256.slice(0, 12)}…, OpenAPI ${lock.openapi}, ` +
      `${lock.counts.paths} paths, ${lock.counts.operations} operations, ${lock.counts.schemas} schemas)\n`,
  );
});
