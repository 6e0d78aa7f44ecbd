import { spawn, type ChildProcess } from "node:child_process";

/** A server process started by `startListeningProcess`. */
export interface ListeningProcess {
  readonly child: ChildProcess;
  /** The base URL the process printed (`listening on <url>`). */
  readonly url: string;
  /** SIGTERM, then resolves once the process has exited (at once if it already has). */
  stop(): Promise<void>;
}

/**
 * Runs `node <args>` (e.g. the mock's CLI with `--port 0`) and resolves once it prints
 * `listening on <url>` on stdout; rejects if it exits first, with its last stderr line.
 */
export async function startListeningProcess(args: readonly string[]): Promise<ListeningProcess> {
  const child = spawn(process.execPath, [...args], { stdio: ["ignore", "pipe", "pipe"] });
  let stderr = "";
  child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  const url = await new Promise<string>((resolve, reject) => {
    let out = "";
    child.stdout.on("data", (chunk: Buffer) => {
      out += chunk.toString();
      const match = /listening on (http:\/\/\S+)/.exec(out);
      if (match?.[1] !== undefined) resolve(match[1]);
    });
    child.once("exit", (code) => {
      reject(new Error(`exited with ${String(code)} before listening: ${stderr.trim().split("\n").pop() ?? ""}`));
    });
  });
  const stop = async (): Promise<void> => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once("exit", resolve));
    child.kill("SIGTERM");
    await exited;
  };
  return { child, url, stop };
}
