// Distinctive enough that finding it anywhere in an error's string forms means it leaked.
export const API_KEY = "uvx_test_SECRET_7f3a9c2e51";
export const AGENT = "4d9e1b7c-0000-4000-8000-000000000001";
export const BATCH = "4d9e1b7c-0000-4000-8000-000000000002";
export const SCHEDULED_CALLS = `/api/agents/${AGENT}/scheduled_batches/${BATCH}/scheduled_calls`;
