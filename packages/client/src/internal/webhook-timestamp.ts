/**
 * The timestamp header. Ultravox writes Python's `datetime.isoformat()`; we read ISO 8601 date-times
 * strictly (`Date.parse` also takes "Mar 1 2025" in local time, which would make freshness depend on
 * the server's zone): `YYYY-MM-DDTHH:MM[:SS[.fraction]]` with `Z`, `±HH:MM` or no offset (then UTC,
 * the API's clock).
 */
const ISO_DATE_TIME =
  /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?(?:([Zz])|([+-])(\d{2}):?(\d{2}))?$/;

/** Milliseconds since the epoch, or undefined when `text` is not one valid ISO 8601 date-time. */
export function parseWebhookTimestamp(text: string): number | undefined {
  const match = ISO_DATE_TIME.exec(text.trim());
  if (match === null) return undefined;
  const [, y, mo, d, h, mi, s = "0", fraction = "", , sign, oh = "0", om = "0"] = match;
  const year = Number(y);
  const month = Number(mo);
  const day = Number(d);
  const hour = Number(h);
  const minute = Number(mi);
  const second = Number(s);
  const offset = (Number(oh) * 60 + Number(om)) * (sign === "-" ? -1 : 1);
  if (hour > 23 || minute > 59 || second > 59 || Number(oh) > 23 || Number(om) > 59) return undefined;
  const millis = Number(`0.${fraction || "0"}`) * 1000;
  const utc = Date.UTC(year, month - 1, day, hour, minute, second, 0);
  const check = new Date(utc);
  // Date.UTC rolls 2025-02-30 over to March: a date that moved was not a real date.
  if (check.getUTCFullYear() !== year || check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day) return undefined;
  return utc + millis - offset * 60_000;
}

/** The header value for `ms`, as Python's `isoformat()` writes an aware UTC time: `2025-01-01T09:00:00.000000+00:00`. */
export function formatWebhookTimestamp(ms: number): string {
  return new Date(ms).toISOString().replace(/\.(\d{3})Z$/, ".$1000+00:00");
}
