import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { createServer, type Server } from "node:net";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

// The built CLI (dist/adapters/cli.js) as a user runs it: its error lines, its banner.

const CLI = fileURLToPath(new URL("../dist/adapters/cli.js", import.meta.url));
const README = readFileSync(fileURLToPath(new URL("../README.md", import.meta.url)), "utf8");

interface Run {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

function run(args: readonly string[]): Promise<Run> {
  const child = spawn(process.execPath, [CLI, ...args]);
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve, reject) => {
    child.on("error", reject);
    child.on("close", (code) => {
      resolve({ code, stdout, stderr });
    });
  });
}

/** Starts the CLI and resolves with its first two stdout lines once printed; stops it after. */
async function bannerOf(args: readonly string[]): Promise<string[]> {
  const child = spawn(process.execPath, [CLI, "--port", "0", ...args]);
  let out = "";
  let err = "";
  child.stderr.on("data", (chunk: Buffer) => (err += chunk.toString()));
  try {
    return await new Promise<string[]>((resolve, reject) => {
      child.stdout.on("data", (chunk: Buffer) => {
        out += chunk.toString();
        const lines = out.split("\n");
        if (lines.length > 2) resolve(lines.slice(0, 2));
      });
      child.on("close", () => {
        reject(new Error(`exited before its banner: ${out}${err}`));
      });
    });
  } finally {
    const exited = new Promise((resolve) => child.on("exit", resolve));
    child.kill("SIGTERM");
    await exited;
  }
}

const PORT = "a port number 0-65535 (0: any free port)";
const MS = "a number of milliseconds >= 0";
const MS_OR_NEVER = 'a number of milliseconds >= 0 or "never"';
const REASONS = "one of hangup, unjoined, agent_hangup, timeout, connection_error, system_error";
const HELP = "See ultravox-mock --help.";
const bad = (flag: string, value: string, accepts: string, reason = ""): string =>
  `ultravox-mock: --${flag} ${JSON.stringify(value)} is not valid${reason === "" ? "" : ` (${reason})`}: expected ${accepts}. ${HELP}`;

/** given: argv; want: the one stderr line (exit code 1). */
const TABLE: readonly { given: readonly string[]; want: string }[] = [
  { given: ["--port", "99999"], want: bad("port", "99999", PORT) },
  { given: ["--port", "-1"], want: bad("port", "-1", PORT) },
  { given: ["--port", "80.5"], want: bad("port", "80.5", PORT) },
  { given: ["--port", ""], want: bad("port", "", PORT) },
  { given: ["--files-port", "65536"], want: bad("files-port", "65536", PORT) },
  { given: ["--files-port", "-3"], want: bad("files-port", "-3", PORT) },
  { given: ["--host", ""], want: bad("host", "", "an address of this machine to bind, e.g. 127.0.0.1, 0.0.0.0 or ::") },
  // TEST-NET-1: an address no machine here has.
  { given: ["--host", "192.0.2.1"], want: bad("host", "192.0.2.1", "an address of this machine to bind, e.g. 127.0.0.1, 0.0.0.0 or ::", "not an address of this machine") },
  { given: ["--spec", ""], want: bad("spec", "", "the path of an OpenAPI document in JSON or YAML") },
  {
    given: ["--spec", "/nonexistent/spec.yaml"],
    want: bad("spec", "/nonexistent/spec.yaml", "the path of an OpenAPI document in JSON or YAML", "ENOENT: no such file or directory, open '/nonexistent/spec.yaml'"),
  },
  { given: ["--api-key", "a", "--api-key", ""], want: bad("api-key", "", "a key that is not empty") },
  { given: ["--clock", "yesterday"], want: bad("clock", "yesterday", "an ISO 8601 date-time, e.g. 2025-01-01T00:00:00Z") },
  ...["0", "0.5", "0.999", "abc", "Infinity", "-2"].map((value) => ({ given: ["--rate-limit-per-key", value], want: bad("rate-limit-per-key", value, "a number of requests per second >= 1") })),
  { given: ["--call-interval", "-5"], want: bad("call-interval", "-5", MS) },
  { given: ["--call-interval=-5"], want: bad("call-interval", "-5", MS) },
  { given: ["--call-interval", "abc"], want: bad("call-interval", "abc", MS) },
  { given: ["--call-interval", " "], want: bad("call-interval", " ", MS) },
  { given: ["--join-after", "-1"], want: bad("join-after", "-1", MS_OR_NEVER) },
  { given: ["--join-after", "soon"], want: bad("join-after", "soon", MS_OR_NEVER) },
  { given: ["--end-after", "-10"], want: bad("end-after", "-10", MS_OR_NEVER) },
  { given: ["--end-reason", "bogus"], want: bad("end-reason", "bogus", REASONS) },
  { given: ["--end-reason", "-1"], want: bad("end-reason", "-1", REASONS) },
  { given: ["--bill-after", "-1"], want: bad("bill-after", "-1", MS) },
  { given: ["--bill-after", "never"], want: bad("bill-after", "never", MS) },
  { given: ["--webhook-timeout", "0"], want: bad("webhook-timeout", "0", "a number of milliseconds > 0") },
  { given: ["--webhook-timeout", "-100"], want: bad("webhook-timeout", "-100", "a number of milliseconds > 0") },
  // The last of a flag given twice counts, as for every flag.
  { given: ["--call-interval", "5", "--call-interval", "-5"], want: bad("call-interval", "-5", MS) },
  { given: ["--port"], want: `ultravox-mock: --port needs a value: ${PORT}. ${HELP}` },
  { given: ["--call-interval", "--strict-query"], want: `ultravox-mock: --call-interval needs a value: ${MS}. ${HELP}` },
  { given: ["--end-reason", "-h"], want: `ultravox-mock: --end-reason needs a value: ${REASONS}. ${HELP}` },
  { given: ["--colour", "blue"], want: "ultravox-mock: unknown option --colour. See ultravox-mock --help for the options." },
  { given: ["--strict-query=yes"], want: `ultravox-mock: --strict-query takes no value, got "yes". ${HELP}` },
  { given: ["4010"], want: `ultravox-mock: unexpected argument "4010": every value follows its flag. ${HELP}` },
];

describe("ultravox-mock: a bad command line is one stderr line naming the flag, the value, what it accepts and --help; exit 1", () => {
  it.each(TABLE.map((row) => [row.given.join(" "), row.want] as const))("%s", async (given, want) => {
    const row = TABLE.find((candidate) => candidate.given.join(" ") === given);
    const answer = await run(row?.given ?? []);
    expect({ code: answer.code, stderr: answer.stderr, stdout: answer.stdout }).toEqual({ code: 1, stderr: `${want}\n`, stdout: "" });
  });

  it("covers every flag --help lists that takes a value (--seed takes any text)", async () => {
    const help = (await run(["--help"])).stdout;
    const valueFlags = [...help.matchAll(/(--[a-z-]+) <[^>]+>/g)].map((match) => match[1]);
    const covered = new Set(TABLE.flatMap((row) => row.given.filter((arg) => arg.startsWith("--")).map((arg) => arg.split("=")[0])));
    expect(valueFlags.filter((flag) => flag !== "--seed" && !covered.has(flag))).toEqual([]);
    expect(valueFlags.length).toBeGreaterThan(10);
  });

  describe("a port already in use", () => {
    let taken: Server;
    let port = "";
    beforeAll(async () => {
      taken = createServer();
      await new Promise<void>((resolve) => taken.listen(0, "127.0.0.1", resolve));
      port = String((taken.address() as { port: number }).port);
    });
    afterAll(async () => {
      await new Promise((resolve) => taken.close(resolve));
    });

    it.each(["port", "files-port"])("--%s", async (flag) => {
      const answer = await run(flag === "port" ? ["--port", port] : ["--port", "0", "--files-port", port]);
      expect({ code: answer.code, stderr: answer.stderr }).toEqual({ code: 1, stderr: `${bad(flag, port, PORT, "in use")}\n` });
    });
  });
});

describe("ultravox-mock's banner", () => {
  const LISTENING = /^ultravox-mock listening on http:\/\/127\.0\.0\.1:\d+ \(114 operations\) (API keys?): (.*)$/;
  const FILES = /^ultravox-mock files \(recordings, SIP logs\) on http:\/\/127\.0\.0\.1:\d+$/;
  const TABLE_KEYS = [
    { given: ["--api-key", "a"], want: ["API key", "a"] },
    { given: ["--api-key", "a", "--api-key", "b"], want: ["API keys", "a, b"] },
    { given: ["--api-key", "a", "--api-key", "b", "--api-key", "c"], want: ["API keys", "a, b, c"] },
  ];
  it.each(TABLE_KEYS)("$given: names every key, then the files' origin", async ({ given, want }) => {
    const [listening = "", files = ""] = await bannerOf(given);
    expect(LISTENING.exec(listening)?.slice(1)).toEqual(want);
    expect(files).toMatch(FILES);
  });

  // Bound to every interface, the bound address is not one every platform connects to: the banner
  // gives the loopback URL, which does, and says what it is bound to.
  it.each([
    { host: "0.0.0.0", origin: /^http:\/\/127\.0\.0\.1:\d+$/ },
    { host: "::", origin: /^http:\/\/\[::1\]:\d+$/ },
  ])("--host $host: loopback URLs, and the binding named", async ({ host, origin }) => {
    const [listening = "", files = ""] = await bannerOf(["--host", host, "--api-key", "k"]);
    const match = /^ultravox-mock listening on (\S+) \(114 operations; bound to (\S+), every interface\) API key: k$/.exec(listening);
    expect(match?.slice(2)).toEqual([host]);
    expect(match?.[1]).toMatch(origin);
    const filesOrigin = /^ultravox-mock files \(recordings, SIP logs\) on (\S+)$/.exec(files)?.[1] ?? "";
    expect(filesOrigin).toMatch(origin);
  });

  it("without --api-key: the one key generated from the seed", async () => {
    const [listening = ""] = await bannerOf(["--seed", "42"]);
    expect(LISTENING.exec(listening)?.[1]).toBe("API key");
  });

  it("is quoted in the README's CLI section, both lines, as printed", async () => {
    const section = /## CLI\n([\s\S]*?)\n## /.exec(README)?.[1] ?? "";
    const quoted = [...section.matchAll(/`(ultravox-mock (?:listening|files) [^`]+)`/g)].map((match) => match[1] ?? "");
    const printed = await bannerOf(["--api-key", "a", "--api-key", "b"]);
    // The README's port and keys are placeholders: compare the rest.
    const shape = (line: string): string => line.replace(/:(\d+|<port>)/g, ":PORT").replace(/(API keys?): .*$/, "$1: KEYS");
    expect(quoted.map(shape)).toEqual([...new Set([shape(printed[0] ?? "").replace("API keys", "API key"), shape(printed[0] ?? ""), shape(printed[1] ?? "")])]);
  });
});
