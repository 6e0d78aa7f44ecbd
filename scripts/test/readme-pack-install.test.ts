import { execFile } from "node:child_process";
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { repoRoot } from "./helpers/temp-repo.js";

const run = promisify(execFile);

/** The root README's "Not on npm yet" commands, as a stranger copies them. */
async function readmeBlock(): Promise<string[]> {
  const readme = await readFile(join(repoRoot, "README.md"), "utf8");
  const section = readme.slice(readme.indexOf("**Not on npm yet.**"));
  const block = /```sh\n([\s\S]*?)```/.exec(section)?.[1];
  if (block === undefined) throw new Error("README.md: no sh block after **Not on npm yet.**");
  return block.trimEnd().split("\n");
}

// The block run as written, in a scratch place: its tarball folder and project folder moved under a
// temp dir, and `npm run setup` left out (the suite runs on a built workspace: it is what setup makes).
describe("the root README's pack-and-install commands", () => {
  let scratch: string;
  let project: string;
  let lines: string[];

  beforeAll(async () => {
    scratch = await mkdtemp(join(tmpdir(), "uvx-readme-"));
    project = join(scratch, "my-app");
    lines = await readmeBlock();
    // What a stranger's machine may hold from an earlier try: an old tarball the glob would install.
    await mkdir(join(scratch, "uvx"));
    await writeFile(join(scratch, "uvx", "ultravox-api-types-0.0.0-stale.tgz"), "not a tarball");
    const script = lines
      .filter((line) => !line.startsWith("npm run setup"))
      .map((line) => line.replaceAll("/tmp/uvx", join(scratch, "uvx")).replaceAll("../my-app", project))
      .join("\n");
    await run("bash", ["-euo", "pipefail", "-c", script], { cwd: repoRoot, timeout: 240_000 });
  }, 300_000);

  afterAll(async () => {
    await rm(scratch, { recursive: true, force: true });
  });

  it("names the commands this test runs, setup first", () => {
    expect(lines[0]).toMatch(/^npm run setup\b/);
    expect(lines.some((line) => line.includes("pnpm pack --pack-destination /tmp/uvx"))).toBe(true);
    expect(lines.at(-1)).toMatch(/^npm install \/tmp\/uvx\/ultravox-api-\*\.tgz/);
  });

  it("packs the four packages alone (older tarballs removed first)", async () => {
    const tarballs = (await readdir(join(scratch, "uvx"))).sort();
    expect(tarballs).toHaveLength(4);
    for (const name of ["client", "mock-server", "pagination", "types"]) {
      expect(tarballs.some((file) => new RegExp(`^ultravox-api-${name}-\\d+\\.\\d+\\.\\d+\\.tgz$`).test(file)), name).toBe(true);
    }
  });

  it("makes a new ESM project with the four packages installed", async () => {
    const pkg = JSON.parse(await readFile(join(project, "package.json"), "utf8")) as {
      type?: string;
      dependencies?: Record<string, string>;
    };
    expect(pkg.type).toBe("module");
    expect(Object.keys(pkg.dependencies ?? {}).sort()).toEqual([
      "@ultravox-api/client",
      "@ultravox-api/mock-server",
      "@ultravox-api/pagination",
      "@ultravox-api/types",
    ]);
  });

  it("runs the seed story in that project against the installed mock", async () => {
    const program = `import { createUltravoxClient } from "@ultravox-api/client";
import { startMockServer } from "@ultravox-api/mock-server";
import { paginate } from "@ultravox-api/pagination";

const mock = await startMockServer({ port: 0 });
try {
  const client = createUltravoxClient({ apiKey: mock.apiKey, baseUrl: mock.url });
  const agent = await client.POST("/api/agents", { body: { name: "readme" } });
  const agentId = agent.data.agentId;
  const hour = 60 * 60 * 1000;
  const batch = await client.POST("/api/agents/{agent_id}/scheduled_batches", {
    params: { path: { agent_id: agentId } },
    body: {
      webhookUrl: "https://example.com/hook",
      windowStart: new Date(Date.now() + hour).toISOString(),
      windowEnd: new Date(Date.now() + 9 * hour).toISOString(),
      calls: Array.from({ length: 5 }, (_, i) => ({ metadata: { n: String(i) } })),
    },
  });
  const path = { agent_id: agentId, batch_id: batch.data.batchId };
  const route = "/api/agents/{agent_id}/scheduled_batches/{batch_id}/scheduled_calls";
  let n = 0;
  for await (const call of paginate(client, route, { params: { path, query: { status: "FUTURE" } } }, { pageSize: 2 })) {
    if (call.status === "FUTURE") n += 1;
  }
  console.log("FUTURE", n);
} finally {
  await mock.close();
}
`;
    await writeFile(join(project, "seed.js"), program);
    const { stdout } = await run(process.execPath, ["seed.js"], { cwd: project, timeout: 60_000 });
    expect(stdout.trim()).toBe("FUTURE 5");
  });
});
