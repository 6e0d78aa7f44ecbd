import { execFile } from "node:child_process";
import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { promisify } from "node:util";
import { chromium } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import { repoRoot } from "./helpers/temp-repo.js";

const run = promisify(execFile);
const typedoc = join(repoRoot, "node_modules", ".bin", "typedoc");
/** Git-ignored: the built reference and the screenshots of it, kept for a person to look at. */
const output = join(repoRoot, "scripts", ".test-output", "docs");
const site = join(output, "api");

async function typedocRun(args: string[]): Promise<{ code: number; out: string }> {
  try {
    const { stdout, stderr } = await run(typedoc, args, { cwd: repoRoot, maxBuffer: 64 * 1024 * 1024 });
    return { code: 0, out: stdout + stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, out: e.stdout + e.stderr };
  }
}

describe("API reference (pnpm docs: TypeDoc over the four packages)", () => {
  let build: { code: number; out: string };

  beforeAll(async () => {
    await rm(output, { recursive: true, force: true });
    await mkdir(output, { recursive: true });
    build = await typedocRun(["--out", site]);
  }, 900_000);

  it("builds with no warning (every public export documented, every link resolved)", () => {
    expect(build.out).not.toMatch(/\[warning\]|\[error\]/);
    expect(build.code).toBe(0);
  });

  it("renders: the index and a class page open in headless Chromium", async () => {
    const browser = await chromium.launch({
      executablePath: "/usr/bin/chromium",
      args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"],
    });
    try {
      const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
      await page.goto(pathToFileURL(join(site, "index.html")).href);
      expect(await page.title()).toContain("Ultravox TypeScript SDK");
      const links = await page.locator(".tsd-navigation a, .tsd-index-link, a").allTextContents();
      for (const name of ["@ultravox-api/types", "@ultravox-api/client", "@ultravox-api/pagination", "@ultravox-api/mock-server"]) {
        expect(links.join("\n")).toContain(name);
      }
      await page.screenshot({ path: join(output, "index.png"), fullPage: false });

      // A class page reached by following the site's own links, as a reader would.
      await page.locator("a", { hasText: /^@ultravox-api\/client$/ }).first().click();
      // The client has several entries (main, webhooks, validate): its page lists them; open the main one.
      await page.locator('a[href$="_ultravox-api_client.main.html"]').first().click();
      await page.locator("a", { hasText: /^UltravoxApiError$/ }).first().click();
      await expect.poll(() => page.locator("h1").first().textContent()).toMatch(/Class UltravoxApiError/);
      // The heading can be parsed before the rest of a long page: read the body once the page has loaded.
      await page.waitForLoadState("load");
      const body = (await page.locator("body").textContent()) ?? "";
      expect(body).toContain("Request URL, credentials and secret-looking query values removed.");
      await page.screenshot({ path: join(output, "class-UltravoxApiError.png"), fullPage: false });
      const png = await readFile(join(output, "class-UltravoxApiError.png"));
      expect(png.subarray(1, 4).toString()).toBe("PNG");
    } finally {
      await browser.close();
    }
  }, 120_000);

  it("fails on an undocumented public export (the same options, on a one-function package)", async () => {
    const dir = await mkdtemp(join(tmpdir(), "uvx-docs-"));
    try {
      await mkdir(join(dir, "src"));
      await writeFile(join(dir, "package.json"), JSON.stringify({ name: "@ultravox-api/docs-fixture", version: "0.0.0", type: "module", exports: { ".": { types: "./src/index.ts" } } }));
      await writeFile(join(dir, "tsconfig.build.json"), JSON.stringify({ extends: join(repoRoot, "tsconfig.base.json"), include: ["src"] }));
      await writeFile(join(dir, "src", "index.ts"), "export function undocumented(): number {\n  return 1;\n}\n");
      const result = await typedocRun([
        "--entryPoints", dir,
        "--packagesRequiringDocumentation", "@ultravox-api/docs-fixture",
        "--readme", "none",
        "--emit", "none",
      ]);
      expect(result.out).toMatch(/undocumented.*does not have any documentation/);
      expect(result.code).not.toBe(0);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }, 600_000);
});
