/** Parsers for the calls filters' values (durations, times of day, dates), shared by rules and tests. */

const DAY_MS = 86_400_000;
const SECONDS = /^(\d+(?:\.\d+)?)s?$/;
const CLOCK = /^(?:(\d+):)?(\d{1,2}):(\d{1,2}(?:\.\d+)?)$/;
const TIME_OF_DAY = /^(\d\d):(\d\d)(?::(\d\d(?:\.\d+)?))?(z|[+-]\d\d(?::?\d\d)?)?$/i;
const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

/**
 * A duration in seconds: the API's own form ("30s", "1.5s"), bare seconds ("90") or a clock
 * ("1:30", "01:02:03.5"). Undefined when it is none of those.
 */
export function parseDuration(text: string): number | undefined {
  const seconds = SECONDS.exec(text);
  if (seconds !== null) return Number(seconds[1]);
  const clock = CLOCK.exec(text);
  if (clock === null) return undefined;
  return Number(clock[1] ?? 0) * 3600 + Number(clock[2]) * 60 + Number(clock[3]);
}

/**
 * A call's duration in seconds: from `joined` to `ended` when it has both, else its
 * `billedDuration`; undefined for a call that never ran (those match no duration bound).
 */
export function callDuration(call: Readonly<Record<string, unknown>>): number | undefined {
  const joined = typeof call["joined"] === "string" ? Date.parse(call["joined"]) : NaN;
  const ended = typeof call["ended"] === "string" ? Date.parse(call["ended"]) : NaN;
  if (Number.isFinite(joined) && Number.isFinite(ended)) return (ended - joined) / 1000;
  const billed = call["billedDuration"];
  return typeof billed === "string" ? parseDuration(billed) : undefined;
}

/** A time of day ("09:30", "09:30:00.5", "09:30:00+02:00") as milliseconds after midnight UTC. */
export function parseTimeOfDay(text: string): number | undefined {
  const match = TIME_OF_DAY.exec(text);
  if (match === null) return undefined;
  const local = (Number(match[1]) * 3600 + Number(match[2]) * 60 + Number(match[3] ?? 0)) * 1000;
  const zone = (match[4] ?? "z").toLowerCase();
  let offset = 0;
  if (zone !== "z") {
    const digits = zone.slice(1).replace(":", "");
    offset = (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2) || 0)) * 60_000 * (zone.startsWith("-") ? -1 : 1);
  }
  return (((local - offset) % DAY_MS) + DAY_MS) % DAY_MS;
}

/** Milliseconds after midnight UTC of a date-time. */
export function timeOfDay(ms: number): number {
  return ((ms % DAY_MS) + DAY_MS) % DAY_MS;
}

/**
 * The bounds of a fromDate/toDate filter in milliseconds. A plain date means its whole UTC day:
 * from its start (fromDate) or up to its end (toDate), as the parameters' descriptions say.
 */
export function dateBound(text: string, end: boolean): number | undefined {
  const ms = Date.parse(text);
  if (!Number.isFinite(ms)) return undefined;
  return end && DATE_ONLY.test(text) ? ms + DAY_MS - 1 : ms;
}
