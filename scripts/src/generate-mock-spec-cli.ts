#!/usr/bin/env node
import { readFile } from "node:fs/promises";
import { resolve } from "node:path";
import { parseArgs } from "node:util";
import { generateMockSpec } from "./generate-mock-spec.js";
import { atomicWrite } from "./internal/atomic-write.js";
import { runCli } from "./internal/run-cli.js";
import { ensureLockedSpec } from "./spec-ensure.js";

runCli("generate-mock-spec", async () => {
  const { values } = parseArgs({ options: { spec: { type: "string" }, out: { type: "string" } } });
  const text = values.spec === undefined ? (await ensureLockedSpec()).text : await readFile(values.spec, "utf8");
  const out = resolve(values.out ?? "src/generated/spec.ts");
  const code = generateMockSpec(text);
  // Leave the file (and its mtime) alone when nothing changed, so tsc and turbo stay warm.
  if ((await readFile(out, "utf8").catch(() => undefined)) !== code) await atomicWrite(out, code);
});
