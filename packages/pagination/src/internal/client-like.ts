import type { Client } from "openapi-fetch";
import type { paths } from "@ultravox-api/types";

/** Any openapi-fetch client made from the Ultravox `paths` (createUltravoxClient's or your own). */
export type UltravoxClientLike<Media extends `${string}/${string}` = `${string}/${string}`> = Client<paths, Media>;
