import { spawn, execFile, type ChildProcess } from "node:child_process";
import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { promisify } from "node:util";
import { repoRoot } from "./helpers/temp-repo.js";

const exec = promisify(execFile);

/** A verdaccio registry on 127.0.0.1 (free port), storage in `dir`, for `@ultravox-api/*` only. */
export interface LocalRegistry {
  readonly url: string;
  readonly token: string;
  versions(name: string): Promise<string[]>;
  manifest(name: string, version: string): Promise<{ dependencies?: Record<string, string>; dist?: { tarball: string } }>;
  stop(): Promise<void>;
}

export async function startRegistry(dir: string): Promise<LocalRegistry> {
  const config = join(dir, "verdaccio.yaml");
  await writeFile(
    config,
    [
      `storage: ${JSON.stringify(join(dir, "storage"))}`,
      "auth:",
      "  htpasswd:",
      `    file: ${JSON.stringify(join(dir, "htpasswd"))}`,
      "    max_users: 10",
      // No uplinks: our packages must come from here; their dependencies come from the usual registry.
      "uplinks: {}",
      "packages:",
      "  '@ultravox-api/*':",
      "    access: $all",
      "    publish: $authenticated",
      "log: { type: stdout, format: json, level: error }",
      "web: { enable: false }",
      "",
    ].join("\n"),
  );
  const child = spawn(process.execPath, [join(repoRoot, "scripts", "release", "verdaccio-server.mjs"), config], {
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stderr = "";
  child.stderr.on("data", (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => {
      reject(new Error(`verdaccio did not start in 60 s: ${stderr.slice(-500)}`));
    }, 60_000);
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`verdaccio exited with ${String(code)}: ${stderr.slice(-500)}`));
    });
    createInterface({ input: child.stdout }).on("line", (line) => {
      if (!line.startsWith('{"port":')) return;
      clearTimeout(timer);
      resolve((JSON.parse(line) as { port: number }).port);
    });
  });
  const url = `http://127.0.0.1:${port}/`;
  try {
    const token = await addUser(url);
    return {
      url,
      token,
      async versions(name) {
        const res = await fetch(`${url}${name.replace("/", "%2f")}`);
        if (res.status === 404) return [];
        const body = (await res.json()) as { versions?: Record<string, unknown> };
        return Object.keys(body.versions ?? {}).sort();
      },
      async manifest(name, version) {
        const res = await fetch(`${url}${name.replace("/", "%2f")}/${version}`);
        return (await res.json()) as { dependencies?: Record<string, string>; dist?: { tarball: string } };
      },
      stop: () => stop(child),
    };
  } catch (error) {
    await stop(child);
    throw error;
  }
}

async function addUser(url: string): Promise<string> {
  const res = await fetch(`${url}-/user/org.couchdb.user:release-test`, {
    method: "PUT",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ name: "release-test", password: "release-test-password", type: "user", roles: [] }),
  });
  const body = (await res.json()) as { token?: string; error?: string };
  if (body.token === undefined) throw new Error(`verdaccio refused the test user: ${body.error ?? String(res.status)}`);
  return body.token;
}

function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill("SIGKILL"), 10_000);
    child.once("exit", () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill("SIGTERM");
  });
}

/** process.env without the npm/pnpm settings a `pnpm test` run injects, so each tool reads its own .npmrc. */
export function cleanEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (/^(npm_|pnpm_|PNPM_|INIT_CWD$|ULTRAVOX_)/i.test(key)) continue;
    env[key] = value;
  }
  return { ...env, ...extra };
}

/** Runs a command; a failure carries the tail of its output. */
export async function sh(cwd: string, command: string, args: readonly string[], env: NodeJS.ProcessEnv = cleanEnv()): Promise<string> {
  try {
    const { stdout } = await exec(command, [...args], { cwd, env, maxBuffer: 64 * 1024 * 1024 });
    return stdout;
  } catch (error) {
    const e = error as { stdout?: string; stderr?: string; message: string };
    const tail = `${e.stdout ?? ""}\n${e.stderr ?? ""}`.trim().split("\n").slice(-15).join("\n");
    throw new Error(`${command} ${args.join(" ")} failed in ${cwd}:\n${tail}`);
  }
}
