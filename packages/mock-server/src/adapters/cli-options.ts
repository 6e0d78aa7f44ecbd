import { parseArgs } from "node:util";
import { parseCallAutomation } from "../behaviours/ultravox/call-controls.js";
import { END_REASONS, type CallAutomation } from "../behaviours/ultravox/call-model.js";

/**
 * The `ultravox-mock` command line: its flags, what each value flag accepts (one text for every
 * error about it) and how it is read. Any bad command line is a CliUsageError whose
 * message is one line naming the flag, the value given, what the flag accepts and `--help`.
 */

/** A command line the CLI cannot run: the message is the whole line printed after `ultravox-mock: `. */
export class CliUsageError extends Error {
  override readonly name = "CliUsageError";
}

const SEE_HELP = "See ultravox-mock --help.";
export const OTHER_REASONS = END_REASONS.filter((reason) => reason !== "hangup").join(", ");

/** What each value flag accepts, as the error messages say it. */
export const ACCEPTS = {
  port: "a port number 0-65535 (0: any free port)",
  host: "an address of this machine to bind, e.g. 127.0.0.1, 0.0.0.0 or ::",
  seed: "any text",
  spec: "the path of an OpenAPI document in JSON or YAML",
  "api-key": "a key that is not empty",
  clock: "an ISO 8601 date-time, e.g. 2025-01-01T00:00:00Z",
  "rate-limit-per-key": "a number of requests per second >= 1",
  "call-interval": "a number of milliseconds >= 0",
  "join-after": 'a number of milliseconds >= 0 or "never"',
  "end-after": 'a number of milliseconds >= 0 or "never"',
  "end-reason": `one of hangup, ${OTHER_REASONS}`,
  "bill-after": "a number of milliseconds >= 0",
  "webhook-timeout": "a number of milliseconds > 0",
  "files-port": "a port number 0-65535 (0: any free port)",
} as const;

export type ValueFlag = keyof typeof ACCEPTS;

const BOOLEAN_FLAGS = ["rate-limits", "no-lifecycle", "strict-query", "no-cors", "help"] as const;

/** The command line, read: every value checked. */
export interface CliOptions {
  readonly port: number;
  readonly host: string;
  readonly seed: string;
  readonly spec: string | undefined;
  readonly apiKeys: readonly string[] | undefined;
  /** Epoch ms of a frozen virtual clock; undefined: real time. */
  readonly clock: number | undefined;
  readonly rateLimits: boolean;
  readonly rateLimitPerKey: number | undefined;
  readonly callInterval: number | undefined;
  readonly lifecycle: boolean;
  readonly strictQuery: boolean;
  readonly cors: boolean;
  readonly calls: CallAutomation;
  readonly webhookTimeout: number | undefined;
  readonly filesPort: number;
}

/** One line for a flag's bad value: the flag, the value as given, what it accepts, `--help`. */
export function badValue(flag: ValueFlag, value: string, reason?: string): CliUsageError {
  const why = reason === undefined ? "" : ` (${reason})`;
  return new CliUsageError(`--${flag} ${JSON.stringify(value)} is not valid${why}: expected ${ACCEPTS[flag]}. ${SEE_HELP}`);
}

/**
 * Reads `args` (process.argv without node and the script): `"help"` when `-h`/`--help` is among
 * them (whatever else is), else the options. @throws CliUsageError
 */
export function readCommandLine(args: readonly string[]): CliOptions | "help" {
  const { tokens } = parseArgs({
    args: [...args],
    options: {
      ...Object.fromEntries(Object.keys(ACCEPTS).map((flag) => [flag, { type: "string" as const, multiple: true }])),
      ...Object.fromEntries(BOOLEAN_FLAGS.map((flag) => [flag, { type: "boolean" as const }])),
      help: { type: "boolean", short: "h" },
    },
    // Not strict: parseArgs' own errors name no choices and call "--call-interval -5" ambiguous.
    strict: false,
    allowPositionals: true,
    tokens: true,
  });
  const given = new Map<string, string[]>();
  const booleans = new Set<string>();
  for (const token of tokens) {
    if (token.kind === "positional") throw new CliUsageError(`unexpected argument ${JSON.stringify(token.value)}: every value follows its flag. ${SEE_HELP}`);
    if (token.kind !== "option") continue;
    const { name, rawName, value } = token;
    if (name in ACCEPTS) {
      const flag = name as ValueFlag;
      // "--port --seed 1": the next flag is not a value.
      if (value === undefined || (!token.inlineValue && isFlag(value))) throw new CliUsageError(`--${flag} needs a value: ${ACCEPTS[flag]}. ${SEE_HELP}`);
      given.set(flag, [...(given.get(flag) ?? []), value]);
    } else if ((BOOLEAN_FLAGS as readonly string[]).includes(name)) {
      if (value !== undefined) throw new CliUsageError(`${rawName} takes no value, got ${JSON.stringify(value)}. ${SEE_HELP}`);
      booleans.add(name);
    } else {
      throw new CliUsageError(`unknown option ${rawName}. See ultravox-mock --help for the options.`);
    }
  }
  if (booleans.has("help")) return "help";
  // As parseArgs does for a flag given twice: the last value counts (every value for --api-key).
  const last = (flag: ValueFlag): string | undefined => given.get(flag)?.at(-1);
  const read = <T>(flag: ValueFlag, parse: (text: string) => T | undefined): T | undefined => {
    const text = last(flag);
    if (text === undefined) return undefined;
    const value = parse(text);
    if (value === undefined) throw badValue(flag, text);
    return value;
  };
  const apiKeys = given.get("api-key");
  const emptyKey = apiKeys?.find((key) => key === "");
  if (emptyKey !== undefined) throw badValue("api-key", emptyKey);
  const perKey = read("rate-limit-per-key", (text) => atLeast(text, 1));
  return {
    port: read("port", portNumber) ?? 4010,
    host: read("host", (text) => (text.trim() === "" ? undefined : text)) ?? "127.0.0.1",
    seed: last("seed") ?? "0",
    spec: read("spec", (text) => (text === "" ? undefined : text)),
    apiKeys,
    clock: read("clock", (text) => {
      const ms = Date.parse(text);
      return Number.isNaN(ms) ? undefined : ms;
    }),
    rateLimits: booleans.has("rate-limits") || perKey !== undefined,
    rateLimitPerKey: perKey,
    callInterval: read("call-interval", (text) => atLeast(text, 0)),
    lifecycle: !booleans.has("no-lifecycle"),
    strictQuery: booleans.has("strict-query"),
    cors: !booleans.has("no-cors"),
    calls: callAutomation(last),
    webhookTimeout: read("webhook-timeout", (text) => {
      const ms = atLeast(text, 0);
      return ms === undefined || ms === 0 ? undefined : ms;
    }),
    filesPort: read("files-port", portNumber) ?? 0,
  };
}

const AUTOMATION = { "join-after": "joinAfterMs", "end-after": "endAfterMs", "end-reason": "endReason", "bill-after": "billAfterMs" } as const;

/** The call automation flags, each read as the admin route reads its field (a typo is an error, never ignored). */
function callAutomation(last: (flag: ValueFlag) => string | undefined): CallAutomation {
  let automation: CallAutomation = {};
  for (const [flag, field] of Object.entries(AUTOMATION) as [keyof typeof AUTOMATION, string][]) {
    const text = last(flag);
    if (text === undefined) continue;
    const parsed = parseCallAutomation({ [field]: text });
    if ("errors" in parsed) throw badValue(flag, text);
    automation = { ...automation, ...parsed.automation };
  }
  return automation;
}

function isFlag(text: string): boolean {
  if (text === "-h") return true;
  if (!text.startsWith("--")) return false;
  const name = text.slice(2).split("=")[0] ?? "";
  return name in ACCEPTS || (BOOLEAN_FLAGS as readonly string[]).includes(name);
}

function portNumber(text: string): number | undefined {
  return /^\d{1,5}$/.test(text) && Number(text) <= 65535 ? Number(text) : undefined;
}

/** A finite number written in decimal, not below `min`. */
function atLeast(text: string, min: number): number | undefined {
  const value = text.trim() === "" ? NaN : Number(text);
  return Number.isFinite(value) && value >= min ? value : undefined;
}
