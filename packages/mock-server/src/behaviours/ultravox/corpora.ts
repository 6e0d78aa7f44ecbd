import type { OperationBehaviour } from "../../behaviour.js";
import { isObject, type JsonObject } from "../../internal/json.js";

/**
 * A corpus or source just created has loaded nothing yet: its stats start with no counts (the
 * generic rule) and the status the API gives something new (a corpus with no documents is
 * EMPTY, a source starts INITIALIZING), not a generated one.
 */
export function corpusBehaviours(): Record<string, OperationBehaviour> {
  return {
    corpora_create: { prepare: (_call, value) => withStatus(value, "CORPUS_STATUS_EMPTY") },
    corpora_sources_create: { prepare: (_call, value) => withStatus(value, "SOURCE_STATUS_INITIALIZING") },
  };
}

function withStatus(value: JsonObject, status: string): JsonObject {
  const stats = value["stats"];
  return isObject(stats) ? { ...value, stats: { ...stats, status } } : value;
}
