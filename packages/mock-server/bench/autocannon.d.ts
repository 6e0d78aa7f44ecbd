// autocannon ships no types; only what the bench reads is declared.
declare module "autocannon" {
  interface Percentiles {
    readonly average: number;
    readonly p50: number;
    readonly p99: number;
  }
  export interface Result {
    readonly requests: Percentiles & { readonly total: number };
    readonly latency: Percentiles;
    readonly errors: number;
    readonly non2xx: number;
  }
  export interface Options {
    readonly url: string;
    readonly connections?: number;
    readonly duration?: number;
    readonly headers?: Record<string, string>;
  }
  export default function autocannon(options: Options): Promise<Result>;
}
