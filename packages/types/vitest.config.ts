import { packageTestConfig } from "../../vitest-package-config.mjs";

// The types tests replay every spec version through the compiler: minutes, not seconds.
export default packageTestConfig({ timeoutMs: 600_000 });
