import type { OperationBehaviour, OperationCall } from "../behaviour.js";
import { isObject, type JsonObject } from "../internal/json.js";
import type { CoreResponse } from "../pipeline/core-exchange.js";
import { detail } from "../pipeline/http-failure.js";
import { empty, json, jsonText } from "../pipeline/respond.js";
import type { CompiledSpec } from "../spec/compile-spec.js";
import { parentOf } from "../spec/router.js";
import { itemJson, type StoredItem } from "../state/stored-item.js";
import { listAnswer } from "./list-page.js";
import { render } from "./render.js";
import type { ResourceSeeder } from "./resource-seeder.js";
import type { ValueGenerator } from "./value-generator.js";

/** What the generic operations work with. */
export interface OperationEnv {
  readonly spec: CompiledSpec;
  readonly values: ValueGenerator;
  readonly seeder: ResourceSeeder;
  readonly pageCache: boolean;
}

/**
 * The generic operation of the call's kind (list, retrieve, create, replace/update, destroy, the
 * singleton ones, action), with the operation's behaviour (hooks by operationId) around it.
 */
export function runOperation(call: OperationCall, behaviour: OperationBehaviour, env: OperationEnv): CoreResponse {
  const checked = behaviour.check?.(call);
  const c = checked === undefined ? call : { ...call, body: checked };
  const { operation: op, store, path } = c;
  switch (op.kind) {
    case "list":
      return listAnswer(c, behaviour, env.pageCache);
    case "retrieve": {
      const item = itemAt(c);
      return op.success.mediaType === "application/json" ? jsonText(op.success.status, itemJson(item)) : render(c, behaviour, item.value, env.spec.document);
    }
    case "create": {
      const body = c.body as JsonObject;
      const server = env.values.serverFields(op.success.schema, env.spec.idFields.get(op.template), c.params);
      const fresh = env.values.merge(op.success.schema, env.values.fresh(store, op.success.schema, c.params, body, server), body, false, server);
      const value = behaviour.prepare?.(c, fresh) ?? fresh;
      const stored = env.seeder.store(store, op.template, path, c.params, value, behaviour.children?.(c, value));
      behaviour.stored?.(c, stored.value);
      return json(op.success.status, stored.value);
    }
    case "replace":
    case "update": {
      const item = itemAt(c);
      const server = env.values.serverFields(op.success.schema, env.spec.idFields.get(parentOf(op.template)), c.params);
      const merged = env.values.merge(op.success.schema, item.value, c.body, false, server);
      const value = behaviour.prepare?.(c, merged) ?? merged;
      const id = path.slice(path.lastIndexOf("/") + 1);
      const updated = store.replace(parentOf(path), id, value) ?? item;
      behaviour.stored?.(c, updated.value);
      return jsonText(op.success.status, itemJson(updated));
    }
    case "destroy": {
      const removed = store.remove(parentOf(path), path.slice(path.lastIndexOf("/") + 1));
      store.removeChildren(path);
      if (removed !== undefined) behaviour.stored?.(c, removed.value);
      return empty(204);
    }
    case "singleton-get":
      return render(c, behaviour, behaviour.answer?.(c) ?? singleton(c, env), env.spec.document);
    case "singleton-create": {
      const body = c.body as JsonObject;
      const value = env.values.merge(op.success.schema, env.values.fresh(store, op.success.schema, c.params, body), body);
      store.setSingleton(path, value);
      return json(op.success.status, value);
    }
    case "singleton-update": {
      const current = singleton(c, env);
      const value = isObject(current) ? env.values.merge(op.success.schema, current, c.body) : current;
      store.setSingleton(path, value);
      return json(op.success.status, value);
    }
    case "singleton-delete":
      if (!store.removeSingleton(path)) throw detail(404, "Not found.");
      return empty(204);
    case "action":
      return render(c, behaviour, env.values.generate(store, op.success.schema, c.params), env.spec.document);
  }
}

function itemAt(call: OperationCall): StoredItem {
  const { path } = call;
  const item = call.store.item(parentOf(path), path.slice(path.lastIndexOf("/") + 1));
  if (item === undefined) throw detail(404, "Not found.");
  return item;
}

/** A singleton resource: made on its first read, unless the API creates it on POST (telephony configs). */
function singleton(call: OperationCall, env: OperationEnv): unknown {
  const existing = call.store.singleton(call.path);
  if (existing !== undefined) return existing;
  const route = env.spec.routeByTemplate.get(call.operation.template);
  if (route?.operations.has("POST") === true) throw detail(404, "Not found.");
  const value = env.values.generate(call.store, route?.operations.get("GET")?.success.schema, call.params);
  call.store.setSingleton(call.path, value);
  return value;
}
