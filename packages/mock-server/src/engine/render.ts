import type { OperationBehaviour, OperationCall } from "../behaviour.js";
import type { CoreResponse } from "../pipeline/core-exchange.js";
import { empty, json } from "../pipeline/respond.js";

/**
 * The success answer of an operation for `value`, as its spec response declares it: a behaviour's
 * own rendering first (audio, XML), else a redirect (302, to a storage URL), no content (204, or
 * no declared body), the spec itself (an OpenAPI media type), an empty body of a non-JSON media
 * type, or JSON.
 */
export function render(call: OperationCall, behaviour: OperationBehaviour, value: unknown, document: unknown): CoreResponse {
  const custom = behaviour.render?.(call);
  if (custom !== undefined) return custom;
  const { success } = call.operation;
  const media = success.mediaType;
  if (success.status === 302) return empty(302, { location: `https://storage.example.com${call.path}` });
  if (success.status === 204 || media === undefined) return empty(success.status);
  if (media === "application/vnd.oai.openapi") {
    return { status: 200, headers: { "content-type": "application/vnd.oai.openapi+json" }, body: JSON.stringify(document) };
  }
  if (media !== "application/json" && !media.endsWith("+json") && !media.startsWith("text/plain")) {
    return { status: success.status, headers: { "content-type": media }, body: "" };
  }
  return json(success.status, value);
}
