#!/usr/bin/env node
import { runCli } from "./internal/run-cli.js";
import { ensureLockedSpec } from "./spec-ensure.js";

runCli("spec:ensure", async () => {
  const { origin } = await ensureLockedSpec();
  process.stdout.write(`spec:ensure: spec/openapi.yaml matches the lock (${origin})\n`);
});
