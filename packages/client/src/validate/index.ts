export { UltravoxResponseValidationError } from "../errors/ultravox-response-validation-error.js";
export { checkResponse, type CheckResponseInput } from "./check-response.js";
export { createResponseValidator, type ResponseValidatorOptions } from "./create-response-validator.js";
export { formatDrift, type DriftIssue, type ResponseDrift } from "./response-drift.js";
