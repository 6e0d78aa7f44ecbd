import type { Answer, CoreRequest } from "./core-exchange.js";
import { failureResponse, settle } from "./respond.js";

/** What a stage hands the request on to: the rest of the pipeline. */
export type Next = (request: CoreRequest) => Answer;

/**
 * One step every request passes, in order (see createStages). A stage answers itself (admin
 * routes, an injected fault, a rate limit), or calls `next` and may look at what came back (the
 * journal). It may throw an HttpFailure: the pipeline turns it into the response.
 */
export interface Stage {
  /** Names the stage in errors and docs; stages are ordered by their place in the list. */
  readonly name: string;
  handle(request: CoreRequest, next: Next): Answer;
}

/**
 * Chains `stages` in order in front of `last` (the API itself). Built once: a request costs one
 * call per stage. Between two stages a thrown or rejected failure becomes a response (respond.ts),
 * so every stage before it sees a response, whatever went wrong after it.
 */
export function composePipeline(stages: readonly Stage[], last: Next): Next {
  let next: Next = (request) => settle(last, request);
  for (let i = stages.length - 1; i >= 0; i--) {
    const stage = stages[i];
    if (stage !== undefined) next = link(stage, next);
  }
  return next;
}

/** A stage in front of `rest`, its failures turned into responses (as settle does, without a closure between). */
function link(stage: Stage, rest: Next): Next {
  return (request) => {
    try {
      const answer = stage.handle(request, rest);
      return answer instanceof Promise ? answer.catch(failureResponse) : answer;
    } catch (error) {
      return failureResponse(error);
    }
  };
}
