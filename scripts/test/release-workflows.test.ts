import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { repoRoot } from "./helpers/temp-repo.js";

interface Workflow {
  on: Record<string, unknown>;
  jobs: Record<string, { steps: { run?: string; uses?: string; with?: Record<string, string> }[] }>;
}

async function workflow(name: string): Promise<{ wf: Workflow; commands: string }> {
  const wf = parse(await readFile(join(repoRoot, ".github", "workflows", name), "utf8")) as Workflow;
  const steps = Object.values(wf.jobs).flatMap((j) => j.steps);
  const commands = steps.flatMap((s) => [s.run ?? "", ...Object.values(s.with ?? {})]).join("\n");
  return { wf, commands };
}

const rootScripts = async () =>
  (JSON.parse(await readFile(join(repoRoot, "package.json"), "utf8")) as { scripts: Record<string, string> }).scripts;

describe("workflows call the scripts the tests exercise", () => {
  it("spec-update: scheduled, runs setup then pnpm spec:update, and opens a pull request", async () => {
    const { wf, commands } = await workflow("spec-update.yml");
    expect(Object.keys(wf.on)).toContain("schedule");
    expect(commands).toMatch(/npm run setup[\s\S]*pnpm spec:update/);
    const scripts = await rootScripts();
    expect(scripts["spec:update"]).toContain("node scripts/dist/spec-update-cli.js");
    const steps = Object.values(wf.jobs).flatMap((j) => j.steps);
    expect(steps.some((s) => s.uses?.startsWith("peter-evans/create-pull-request@"))).toBe(true);
  });

  it("release: tests, then the changesets action with changeset version / changeset publish", async () => {
    const { wf, commands } = await workflow("release.yml");
    expect(Object.keys(wf.on)).toEqual(["push"]);
    const steps = Object.values(wf.jobs).flatMap((j) => j.steps);
    const action = steps.find((s) => s.uses?.startsWith("changesets/action@"));
    const scripts = await rootScripts();
    expect(scripts[action?.with?.["version"]?.replace("pnpm ", "") ?? ""]).toBe("changeset version");
    expect(scripts[action?.with?.["publish"]?.replace("pnpm ", "") ?? ""]).toMatch(/changeset publish$/);
    expect(commands).toMatch(/npm run setup[\s\S]*pnpm test/);
  });
});
