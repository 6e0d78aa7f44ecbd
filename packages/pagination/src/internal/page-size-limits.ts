import type { PaginatedPath } from "@ultravox-api/types";

interface Range {
  readonly min: number;
  readonly max: number;
}

// The spec bounds pageSize for this list only; checking it here fails fast instead of with a 400 mid-walk.
const LIMITS: Partial<Record<PaginatedPath, Range>> = {
  "/api/accounts/me/billing/invoices": { min: 1, max: 100 },
};

/** Throws a RangeError when `pageSize` is not an integer the path accepts. */
export function checkPageSize(path: string, pageSize: number): void {
  const range: Range = LIMITS[path as PaginatedPath] ?? { min: 1, max: Number.MAX_SAFE_INTEGER };
  if (!Number.isInteger(pageSize) || pageSize < range.min || pageSize > range.max) {
    const bound = range.max === Number.MAX_SAFE_INTEGER ? `>= ${range.min}` : `${range.min}-${range.max}`;
    throw new RangeError(`Pagination: pageSize for ${path} must be an integer ${bound}, got ${String(pageSize)}.`);
  }
}
