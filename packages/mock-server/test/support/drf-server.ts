import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { fileURLToPath } from "node:url";

/** Debian's interpreter (the one `python3-djangorestframework` installs into), or `DRF_PYTHON`. */
export const PYTHON = process.env["DRF_PYTHON"] ?? "/usr/bin/python3";
const SERVE = fileURLToPath(new URL("../drf-reference/serve.py", import.meta.url));

export interface DrfServer {
  /** `http://127.0.0.1:<port>`, no trailing slash. */
  readonly url: string;
  readonly apiKey: string;
  /** An agent seeded for `apiKey`'s account. */
  readonly agentId: string;
  close(): Promise<void>;
}

/** Whether Python with DRF and django-filter can run here; the reason when not. */
export function drfAvailability(): { readonly ok: true } | { readonly ok: false; readonly reason: string } {
  const probe = spawnSync(PYTHON, ["-c", "import rest_framework, django_filters, corsheaders"], { encoding: "utf8" });
  if (probe.error !== undefined) return { ok: false, reason: `${PYTHON} cannot run (${probe.error.message})` };
  if (probe.status !== 0) return { ok: false, reason: `${PYTHON} lacks DRF/django-filter/django-cors-headers: ${probe.stderr.trim().split("\n").pop() ?? ""}` };
  return { ok: true };
}

/** True when CI is set to anything but an empty, "0" or "false" value. */
export function inCi(): boolean {
  const value = process.env["CI"] ?? "";
  return value !== "" && value !== "0" && value.toLowerCase() !== "false";
}

/**
 * Starts the reference app (`drf-reference/serve.py`) on 127.0.0.1 on a free port and resolves
 * once it prints its port. `throttle`: a DRF rate per API key (`"2/min"`) for 429 answers. Rejects with its stderr if it exits or stays silent for `timeoutMs`.
 */
export async function startDrfServer(options: { readonly throttle?: string; readonly timeoutMs?: number } = {}): Promise<DrfServer> {
  const timeoutMs = options.timeoutMs ?? 20_000;
  const throttle = options.throttle === undefined ? [] : ["--throttle", options.throttle];
  const child = spawn(PYTHON, [SERVE, "--port", "0", ...throttle], { stdio: ["ignore", "pipe", "pipe"] });
  let stderr = "";
  child.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
  const ready = await new Promise<{ port: number; apiKey: string; agentId: string }>((resolve, reject) => {
    let stdout = "";
    const timer = setTimeout(() => {
      fail(new Error(`DRF reference did not start within ${timeoutMs} ms: ${stderr}`));
    }, timeoutMs);
    const onExit = (code: number | null): void => {
      fail(new Error(`DRF reference exited (${code ?? "signal"}) before serving: ${stderr}`));
    };
    function fail(error: Error): void {
      clearTimeout(timer);
      child.off("exit", onExit);
      child.kill();
      reject(error);
    }
    child.once("exit", onExit);
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => {
      stdout += chunk;
      const line = stdout.split("\n", 2);
      if (line.length < 2) return;
      clearTimeout(timer);
      child.off("exit", onExit);
      try {
        resolve(JSON.parse(line[0] ?? "") as { port: number; apiKey: string; agentId: string });
      } catch {
        fail(new Error(`DRF reference printed ${JSON.stringify(line[0])}, not its port`));
      }
    });
  });
  return {
    url: `http://127.0.0.1:${ready.port}`,
    apiKey: ready.apiKey,
    agentId: ready.agentId,
    close: () => stop(child),
  };
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  await new Promise<void>((resolve) => {
    child.once("exit", () => {
      resolve();
    });
    child.kill("SIGTERM");
  });
}
