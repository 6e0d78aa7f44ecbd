import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";

/** One delivery as the receiver got it: the raw bytes and headers, untouched. */
export interface Delivery {
  readonly body: Buffer;
  readonly headers: IncomingHttpHeaders;
  /** The status the receiver answered. */
  readonly status: number;
}

export interface Receiver {
  readonly url: string;
  readonly deliveries: Delivery[];
  close(): Promise<void>;
}

/**
 * A real HTTP webhook receiver on port 0. `answer(n)` gives the status of the n-th delivery
 * (1-based), 204 by default; `onDelivery` runs before answering (verification, in the tests).
 */
export async function startReceiver(answer: (n: number) => number = () => 204, onDelivery?: (delivery: Delivery) => Promise<void>): Promise<Receiver> {
  const deliveries: Delivery[] = [];
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      const delivery = { body: Buffer.concat(chunks), headers: request.headers, status: answer(deliveries.length + 1) };
      deliveries.push(delivery);
      void (onDelivery?.(delivery) ?? Promise.resolve()).finally(() => {
        response.writeHead(delivery.status).end();
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/webhooks/ultravox`,
    deliveries,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => {
          resolve();
        });
        server.closeAllConnections();
      }),
  };
}
