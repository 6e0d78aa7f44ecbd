/**
 * The `pageSize` query parameter of a paginated list, read as DRF's paginator reads it
 * (`CursorPagination.get_page_size`: `_positive_int(value, strict=True, cutoff=max_page_size)`,
 * which calls Python's `int()`), or, in strict mode, refused in the words of Django's
 * `forms.IntegerField(min_value=1, max_value=max)`.
 */

/** What a `pageSize` text means: a page size, the default (`undefined`), or a 400 message (strict). */
export type PageSizeReading = { readonly size: number | undefined } | { readonly error: string };

/**
 * Reads `text` (the query string's last `pageSize` value) for an operation whose largest page is `max`.
 * Not strict (production): a positive integer as Python's `int()` reads it, clamped to `max`; anything
 * else is the default. Strict: an empty text is "This field is required.", another text `int()` cannot
 * read (` `, `1.5`, `1e1`, `abc`) "Enter a whole number.", zero or less "Ensure this value is greater than or equal to 1.", above
 * `max` "Ensure this value is less than or equal to <max>.".
 */
export function readPageSize(text: string, max: number, strict: boolean): PageSizeReading {
  const value = pythonInt(text);
  if (!strict) return { size: value === undefined || value < 1 ? undefined : Math.min(value, max) };
  // An empty value, as Django's required IntegerField words it (only "" is empty to it: " " is not a whole number).
  if (text === "") return { error: "This field is required." };
  if (value === undefined) return { error: "Enter a whole number." };
  if (value < 1) return { error: "Ensure this value is greater than or equal to 1." };
  if (value > max) return { error: `Ensure this value is less than or equal to ${max}.` };
  return { size: value };
}

// Python's str.isspace() characters, which int() strips from both ends.
const PY_SPACE = "[\\t-\\r\\x1c-\\x20\\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000]";
// Any Unicode decimal digits (Python's int() reads them all), single underscores between digits.
const PY_INT = new RegExp(`^${PY_SPACE}*([+-]?)(\\p{Nd}+(?:_\\p{Nd}+)*)${PY_SPACE}*$`, "u");
const DECIMAL_DIGIT = /\p{Nd}/u;

/**
 * Python's `int(text)` in base 10: the integer, or `undefined` where Python raises ValueError.
 * Values past 2^53 lose precision, which no page size comes near.
 */
export function pythonInt(text: string): number | undefined {
  const match = PY_INT.exec(text);
  if (match === null) return undefined;
  const [, sign = "", digits = ""] = match;
  let value = 0;
  for (const char of digits) if (char !== "_") value = value * 10 + digitValue(char);
  return sign === "-" && value !== 0 ? -value : value;
}

/**
 * A decimal digit's value. Unicode gives every script's digits 0-9 as contiguous runs of ten code
 * points, so the value is the distance from the start of the run, modulo ten.
 */
function digitValue(char: string): number {
  const point = char.codePointAt(0) ?? 0;
  if (point >= 0x30 && point <= 0x39) return point - 0x30;
  let start = point;
  while (DECIMAL_DIGIT.test(String.fromCodePoint(start - 1))) start -= 1;
  return (point - start) % 10;
}
