import { describe, expect, it } from "vitest";
import { formatWebhookTimestamp, parseWebhookTimestamp } from "../src/internal/webhook-timestamp.js";

// The timestamp header, read as ISO 8601 date-times (Python's isoformat() is what Ultravox writes).
const AT = Date.UTC(2025, 0, 2, 3, 4, 5);

describe("parseWebhookTimestamp: ISO 8601 date-times, strictly", () => {
  it.each([
    { given: "isoformat() of an aware UTC time", text: "2025-01-02T03:04:05.000000+00:00", want: AT },
    { given: "Z", text: "2025-01-02T03:04:05Z", want: AT },
    { given: "lower-case z and t", text: "2025-01-02t03:04:05z", want: AT },
    { given: "no offset: UTC", text: "2025-01-02T03:04:05", want: AT },
    { given: "no seconds", text: "2025-01-02T03:04Z", want: AT - 5_000 },
    { given: "milliseconds", text: "2025-01-02T03:04:05.123Z", want: AT + 123 },
    { given: "a comma before the fraction", text: "2025-01-02T03:04:05,5Z", want: AT + 500 },
    { given: "microseconds", text: "2025-01-02T03:04:05.250000+00:00", want: AT + 250 },
    { given: "a positive offset: earlier in UTC", text: "2025-01-02T05:34:05+02:30", want: AT },
    { given: "a negative offset: later in UTC", text: "2025-01-01T22:04:05-05:00", want: AT },
    { given: "an offset without a colon", text: "2025-01-01T22:04:05-0500", want: AT },
    { given: "surrounding spaces", text: "  2025-01-02T03:04:05Z  ", want: AT },
    { given: "a leap day", text: "2024-02-29T00:00:00Z", want: Date.UTC(2024, 1, 29) },
    { given: "the last second of a day", text: "2025-12-31T23:59:59Z", want: Date.UTC(2025, 11, 31, 23, 59, 59) },
    { given: "the largest offsets", text: "2025-01-02T03:04:05+23:59", want: AT - (23 * 60 + 59) * 60_000 },
  ])("$given: $text", ({ text, want }) => {
    expect(parseWebhookTimestamp(text)).toBe(want);
  });

  it.each([
    { given: "a date alone", text: "2025-01-02" },
    { given: "a space for T", text: "2025-01-02 03:04:05Z" },
    { given: "text before", text: "x2025-01-02T03:04:05Z" },
    { given: "text after", text: "2025-01-02T03:04:05Zx" },
    { given: "a three-digit year", text: "025-01-02T03:04:05Z" },
    { given: "a one-digit month", text: "2025-1-02T03:04:05Z" },
    { given: "a one-digit day", text: "2025-01-2T03:04:05Z" },
    { given: "a one-digit hour", text: "2025-01-02T3:04:05Z" },
    { given: "a one-digit minute", text: "2025-01-02T03:4:05Z" },
    { given: "a one-digit second", text: "2025-01-02T03:04:5Z" },
    { given: "a dot without a fraction", text: "2025-01-02T03:04:05.Z" },
    { given: "a fraction without seconds", text: "2025-01-02T03:04.5Z" },
    { given: "a letter as the fraction", text: "2025-01-02T03:04:05.aZ" },
    { given: "another letter as the zone", text: "2025-01-02T03:04:05Y" },
    { given: "an offset without a sign", text: "2025-01-02T03:04:0505:00" },
    { given: "a one-digit offset hour", text: "2025-01-02T03:04:05+5:00" },
    { given: "a one-digit offset minute", text: "2025-01-02T03:04:05+05:0" },
    { given: "letters in the offset", text: "2025-01-02T03:04:05+ab:cd" },
    { given: "hour 24", text: "2025-01-02T24:00:00Z" },
    { given: "minute 60", text: "2025-01-02T03:60:00Z" },
    { given: "second 60", text: "2025-01-02T03:04:60Z" },
    { given: "offset hour 24", text: "2025-01-02T03:04:05+24:00" },
    { given: "offset minute 60", text: "2025-01-02T03:04:05+05:60" },
    { given: "February 29 of a common year", text: "2025-02-29T00:00:00Z" },
    { given: "April 31", text: "2025-04-31T00:00:00Z" },
    { given: "month 13", text: "2025-13-01T00:00:00Z" },
    { given: "month 0", text: "2025-00-01T00:00:00Z" },
    { given: "day 0", text: "2025-01-00T00:00:00Z" },
    { given: "a date Date.parse would take", text: "Mar 1 2025" },
    { given: "epoch seconds", text: "1735787045" },
    { given: "empty", text: "" },
  ])("refuses $given: $text", ({ text }) => {
    expect(parseWebhookTimestamp(text)).toBeUndefined();
  });
});

describe("formatWebhookTimestamp: as Python's isoformat() writes an aware UTC time", () => {
  it.each([
    { ms: AT, want: "2025-01-02T03:04:05.000000+00:00" },
    { ms: AT + 7, want: "2025-01-02T03:04:05.007000+00:00" },
    { ms: AT + 999, want: "2025-01-02T03:04:05.999000+00:00" },
    { ms: 0, want: "1970-01-01T00:00:00.000000+00:00" },
  ])("$ms → $want", ({ ms, want }) => {
    expect(formatWebhookTimestamp(ms)).toBe(want);
    expect(parseWebhookTimestamp(want)).toBe(ms);
  });
});
