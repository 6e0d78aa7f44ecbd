/**
 * The secrets to sign or verify with, from `secret` and/or `secrets` as given at run time (plain
 * JavaScript callers and unset environment variables included), or undefined when any is not a
 * non-empty string or there is none: never sign or verify with an empty key.
 */
export function secretList(secret: unknown, secrets: unknown): string[] | undefined {
  const list: unknown[] = [];
  if (secrets !== undefined) list.push(...(Array.isArray(secrets) ? (secrets as unknown[]) : [secrets]));
  if (secret !== undefined || secrets === undefined) list.push(secret);
  return list.length > 0 && list.every((item) => typeof item === "string" && item !== "") ? (list as string[]) : undefined;
}
