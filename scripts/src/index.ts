export { SpecError } from "./spec-error.js";
export { pullSpec, type PullSpecOptions, type PullSpecResult } from "./spec-pull.js";
export { ensureLockedSpec, type EnsureSpecOptions, type EnsureSpecResult } from "./spec-ensure.js";
export { readLock, formatLock, type SpecLock } from "./spec-lock.js";
export { readSources, listMirrorFiles, type SpecSources } from "./spec-sources.js";
export { generateTypes, GENERATED_HEADER } from "./generate-types.js";
export { parseOpenApi, countSpec, type OpenApiDocument, type SpecCounts } from "./internal/parse-openapi.js";
