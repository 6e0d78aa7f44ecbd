import type { GeneratedRoute, GeneratedValidator } from "../validate/generated-route.js";

export interface ResponseRoute {
  readonly method: string;
  readonly template: string;
  readonly operationId: string;
  readonly validators: Readonly<Record<string, GeneratedValidator>>;
  /** Path segments; undefined where the template has a `{parameter}`. */
  readonly segments: readonly (string | undefined)[];
}

/** Finds the spec operation of a response: by method + path template, or by method + a URL path matched against the templates. */
export class ResponseRouter {
  readonly #byTemplate = new Map<string, ResponseRoute>();
  readonly #bySize = new Map<number, ResponseRoute[]>();

  constructor(routes: readonly GeneratedRoute[]) {
    for (const [method, template, operationId, validators] of routes) {
      const segments = template.split("/").map((segment) => (/^\{[^}]+\}$/.test(segment) ? undefined : segment));
      const route: ResponseRoute = { method, template, operationId, validators, segments };
      this.#byTemplate.set(`${method} ${template}`, route);
      const list = this.#bySize.get(segments.length) ?? [];
      list.push(route);
      this.#bySize.set(segments.length, list);
    }
    // The most literal template wins (`/api/calls/batch` over `/api/calls/{call_id}`).
    for (const list of this.#bySize.values()) list.sort((a, b) => literals(b) - literals(a));
  }

  byTemplate(method: string, template: string): ResponseRoute | undefined {
    return this.#byTemplate.get(`${method.toUpperCase()} ${template}`);
  }

  /** `pathname` without the base URL's own path, e.g. `/api/calls/8f…`. */
  byPath(method: string, pathname: string): ResponseRoute | undefined {
    const parts = pathname.split("/").map((part) => safeDecode(part));
    const upper = method.toUpperCase();
    return this.#bySize.get(parts.length)?.find(
      (route) => route.method === upper && route.segments.every((segment, i) => (segment === undefined ? parts[i] !== "" : segment === parts[i])),
    );
  }
}

/** The validator for a status: exact (`"200"`), then its range (`"2XX"`), then `"default"`. */
export function validatorFor(route: ResponseRoute, status: number): GeneratedValidator | undefined {
  const v = route.validators;
  return v[String(status)] ?? v[`${String(status).charAt(0)}XX`] ?? v["default"];
}

function literals(route: ResponseRoute): number {
  return route.segments.filter((segment) => segment !== undefined).length;
}

function safeDecode(part: string): string {
  try {
    return decodeURIComponent(part);
  } catch {
    return part;
  }
}
