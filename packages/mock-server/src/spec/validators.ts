import { toJsonSchema } from "@ultravox-api/client/json-schema";
import type { Ajv, Options, ValidateFunction } from "ajv";
import { asArray, isObject, type JsonObject } from "../internal/json.js";
import type { createAjv } from "./create-ajv.js";
import { METHODS, type CompiledOperation } from "./operation.js";

/** The three ajv setups validators come from: parameters (coercing strings), request bodies, responses. */
export type ValidatorSet = "param" | "req" | "res";

/** Names a validator by what it checks: the same key at build and at run time. */
export function validatorKey(set: ValidatorSet, schema: object): string {
  return `${set} ${JSON.stringify(schema)}`;
}

export interface ValidatorOptions {
  /** Validators built ahead of time (the bundled spec's, at build: see tools/), by {@link validatorKey}. */
  readonly precompiled?: ReadonlyMap<string, ValidateFunction>;
  /** Added to every ajv instance's options (the build generates code with them). */
  readonly ajvOptions?: Options;
  /** Called for each validator compiled here, with the instance that compiled it (the build records them). */
  readonly onCompile?: (set: ValidatorSet, schema: object, ajv: Ajv) => void;
  /**
   * Builds the ajv instances validators not precompiled are compiled with (spec/create-ajv.ts).
   * Passed in rather than imported: ajv's compiler takes about a tenth of a second to load, and a
   * mock on the bundled spec never needs it (the CLI then does not load it at all).
   */
  readonly createAjv?: typeof createAjv;
}

/** Thrown when a validator must be compiled and no `createAjv` was given: load it and build again. */
export class CompilerNeeded extends Error {
  constructor() {
    super("A validator is not precompiled and no compiler was given (createAjv).");
    this.name = "CompilerNeeded";
  }
}

/** Where a spec's validators come from: precompiled ones first, else ajv, each kept once built. */
export interface ValidatorFactory {
  compile(set: ValidatorSet, schema: object): ValidateFunction;
  /** The validator of a response schema, compiled on its first call and kept (one per component for a bare `$ref`). */
  validateResponse(schema: unknown): ValidateFunction;
  /** ajv compilations so far. */
  readonly compilations: number;
}

export function createValidatorFactory(schemas: JsonObject, paths: JsonObject, options: ValidatorOptions): ValidatorFactory {
  // Compiled at start (another spec): ajv's optimisation passes cost about a third of the start-up
  // and save little per validation. The bundled spec's build-time code (ajvOptions given) keeps them.
  const extra = options.ajvOptions ?? { code: { optimize: false } };
  // Built on first use: with every validator precompiled, no ajv instance is built at all.
  // Parameters rarely reference components (this spec's never do): skip converting them all then.
  const paramsUseRefs = parametersUseRefs(paths);
  const createAjv = (ajvOptions: Options): Ajv => {
    if (options.createAjv === undefined) throw new CompilerNeeded();
    return options.createAjv(ajvOptions);
  };
  const instances: Record<ValidatorSet, () => Ajv> = {
    param: lazy(() => {
      const ajv = createAjv({ coerceTypes: "array", ...extra });
      return paramsUseRefs ? withDefinitions(ajv, "req", schemas, "request") : ajv;
    }),
    req: lazy(() => withDefinitions(createAjv(extra), "req", schemas, "request")),
    res: lazy(() => withDefinitions(createAjv(extra), "res", schemas, "response")),
  };
  let compilations = 0;
  const compile = (set: ValidatorSet, schema: object): ValidateFunction => {
    const ready = options.precompiled?.get(validatorKey(set, schema));
    if (ready !== undefined) return ready;
    compilations++;
    const ajv = instances[set]();
    const validate = ajv.compile(schema);
    options.onCompile?.(set, schema, ajv);
    return validate;
  };
  const responseValidators = new Map<unknown, ValidateFunction>();
  // A bare {$ref} names a component: one validator per component, whichever object refers to it.
  const componentValidators = new Map<string, ValidateFunction>();
  const validateResponse = (schema: unknown): ValidateFunction => {
    let validate = responseValidators.get(schema);
    if (validate !== undefined) return validate;
    const ref = isObject(schema) && Object.keys(schema).length === 1 && typeof schema["$ref"] === "string" ? schema["$ref"] : undefined;
    validate = ref === undefined ? undefined : componentValidators.get(ref);
    validate ??= compile("res", toJsonSchema(schema, "response", "res#/definitions/") as object);
    if (ref !== undefined) componentValidators.set(ref, validate);
    responseValidators.set(schema, validate);
    return validate;
  };
  return {
    compile,
    validateResponse,
    get compilations() {
      return compilations;
    },
  };
}

/** The operations whose resources the mock writes: their answers are checked against the response schema. */
const WRITTEN_KINDS = new Set(["create", "replace", "update", "singleton-create", "singleton-update"]);

/**
 * Every validator a mock can need, named by what it checks: each operation's parameters and body,
 * the response schemas of what writes store (checked by the value generator's merge), and the
 * list item or success schemas behaviours generate resources from (`generates`, by operationId).
 * The build compiles exactly these ahead of time (tools/generate-validators.ts); a mock on another
 * spec compiles them at start. Either way a request never compiles one.
 */
export function validatorManifest(operations: readonly CompiledOperation[], generates: ReadonlySet<string>): { readonly operations: readonly CompiledOperation[]; readonly responseSchemas: readonly unknown[] } {
  const responseSchemas: unknown[] = [];
  for (const op of operations) {
    if (WRITTEN_KINDS.has(op.kind) && op.success.schema !== undefined) responseSchemas.push(op.success.schema);
    if (!generates.has(op.operationId)) continue;
    const schema = op.kind === "list" ? op.itemSchema : op.success.schema;
    if (schema !== undefined) responseSchemas.push(schema);
  }
  return { operations, responseSchemas };
}

function withDefinitions(ajv: Ajv, id: string, schemas: JsonObject, mode: "request" | "response"): Ajv {
  const definitions: JsonObject = {};
  for (const [name, schema] of Object.entries(schemas)) definitions[name] = toJsonSchema(schema, mode, `${id}#/definitions/`);
  ajv.addSchema({ $id: id, definitions });
  return ajv;
}

export function lazy<T>(make: () => T): () => T {
  let value: T | undefined;
  return () => (value ??= make());
}

function parametersUseRefs(paths: JsonObject): boolean {
  for (const item of Object.values(paths)) {
    if (!isObject(item)) continue;
    const lists = [item["parameters"], ...METHODS.map((method) => (isObject(item[method]) ? item[method]["parameters"] : undefined))];
    for (const parameter of lists.flatMap((list) => asArray(list))) {
      if (!isObject(parameter) || typeof parameter["$ref"] === "string") return true;
      if (JSON.stringify(parameter["schema"] ?? {}).includes('"$ref"')) return true;
    }
  }
  return false;
}
