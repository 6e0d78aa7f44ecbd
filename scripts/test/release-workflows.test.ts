import { readFile } from "node:fs/promises";
import { join, posix } from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { repoRoot } from "./helpers/temp-repo.js";

interface Step {
  run?: string;
  uses?: string;
  with?: Record<string, string>;
  "working-directory"?: string;
}

interface Workflow {
  on: Record<string, unknown>;
  jobs: Record<string, { container?: string; steps: Step[] }>;
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
    expect(commands).toMatch(/bash \.ci\/install-packages && npm run setup[\s\S]*pnpm spec:update/);
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
    expect(commands).toContain("bash .ci/run");
    expect(action?.with?.["cwd"]).toBe("repo");
  });

  // The tests need Debian's packages (.ci/install-packages) and the spec mirror at ../shared/ultravox-spec.
  it.each(["ci.yml", "release.yml", "spec-update.yml"])("%s: runs on Debian, with the spec mirror beside the clone", async (name) => {
    const { wf } = await workflow(name);
    const sources = JSON.parse(await readFile(join(repoRoot, "spec", "sources.json"), "utf8")) as { mirrors: string[] };
    for (const job of Object.values(wf.jobs)) {
      expect(job.container).toMatch(/^node:20-bookworm/);
      const checkouts = job.steps.filter((s) => s.uses?.startsWith("actions/checkout@"));
      const clone = checkouts.find((s) => s.with?.["repository"] === undefined)?.with?.["path"] ?? "";
      const mirror = checkouts.find((s) => s.with?.["repository"] === "${{ vars.SPEC_MIRROR_REPOSITORY }}")?.with?.["path"] ?? "";
      expect(clone).toBe("repo");
      // The mirror lands where the clone's spec/sources.json looks for it.
      expect(sources.mirrors.map((m) => posix.normalize(posix.join(clone, m)))).toContain(mirror);
      // Every command runs in the clone.
      for (const step of job.steps.filter((s) => s.run?.includes("pnpm") === true || s.run?.includes(".ci/") === true)) {
        expect(step["working-directory"], step.run).toBe("repo");
      }
      // An unset mirror variable stops the job with a message before checkout would clone this repo again.
      const guard = job.steps.findIndex((s) => s.run?.includes("SPEC_MIRROR_REPOSITORY") === true && s.run.includes("exit 1"));
      const mirrorStep = job.steps.findIndex((s) => s.with?.["path"] === mirror);
      expect(guard).toBeGreaterThanOrEqual(0);
      expect(guard).toBeLessThan(mirrorStep);
    }
  });

  it("ci: every pull request gets .ci/run, lint and typecheck", async () => {
    const { wf, commands } = await workflow("ci.yml");
    expect(Object.keys(wf.on)).toEqual(["pull_request"]);
    expect(commands).toMatch(/bash \.ci\/run[\s\S]*pnpm lint && pnpm typecheck/);
    const scripts = await rootScripts();
    expect(scripts["lint"]).toBe("turbo run lint");
    expect(scripts["typecheck"]).toBe("turbo run typecheck");
  });

  it(".ci/run installs the Debian packages, then runs the README's two commands", async () => {
    const script = await readFile(join(repoRoot, ".ci", "run"), "utf8");
    expect(script).toMatch(/bash \.ci\/install-packages\nnpm run setup\npnpm test\n$/);
    const readme = await readFile(join(repoRoot, "README.md"), "utf8");
    expect(readme).toMatch(/```sh\nnpm run setup {3}#[^\n]*\npnpm test {7}#/);
  });
});
