#!/usr/bin/env node
import { parseArgs } from "node:util";
import { runCli } from "./internal/run-cli.js";
import { SpecError } from "./spec-error.js";
import { pullSpec } from "./spec-pull.js";

const USAGE = "usage: pnpm spec:pull [--from <file-or-url> | --locked [--offline]] [--timeout-ms N]";

runCli("spec:pull", async () => {
  let values;
  try {
    ({ values } = parseArgs({
      options: {
        from: { type: "string" },
        locked: { type: "boolean" },
        offline: { type: "boolean" },
        "timeout-ms": { type: "string" },
        help: { type: "boolean" },
      },
    }));
  } catch (error) {
    throw new SpecError(`${USAGE} (${String(error)})`);
  }
  if (values.help) {
    process.stdout.write(
      `${USAGE}\n` +
        "Pulls the Ultravox OpenAPI spec (default: ULTRAVOX_SPEC_SOURCE, else spec/sources.json upstream),\n" +
        "validates it, applies spec/overlays and writes spec/openapi.yaml and spec/spec.lock.json.\n" +
        "--locked pulls the locked document again (upstream URL, then mirrors; --offline skips the URL)\n" +
        "to record the overlays as they are now, keeping the lock's source and capture time.\n",
    );
    return;
  }
  if (values.locked && values.from !== undefined) throw new SpecError(`${USAGE} (--locked and --from exclude each other)`);
  if (values.offline && !values.locked) throw new SpecError(`${USAGE} (--offline goes with --locked)`);
  const timeout = values["timeout-ms"] === undefined ? undefined : Number(values["timeout-ms"]);
  const { lock, lockChanges, specRebuilt } = await pullSpec({
    from: values.from,
    ...(values.locked ? { locked: true } : {}),
    ...(values.offline ? { offline: true } : {}),
    ...(timeout === undefined ? {} : { timeoutMs: timeout }),
  });
  const status =
    lockChanges.length > 0
      ? `locked ${lock.source}: ${lockChanges.join(", ")}`
      : specRebuilt
        ? `lock unchanged, rebuilt spec/openapi.yaml from ${lock.source}`
        : `unchanged ${lock.source}`;
  process.stdout.write(
    `spec:pull: ${status} (sha256 ${lock.sha256.slice(0, 12)}…, OpenAPI ${lock.openapi}, ` +
      `${lock.counts.paths} paths, ${lock.counts.operations} operations, ${lock.counts.schemas} schemas)\n`,
  );
});
