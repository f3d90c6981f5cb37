import { createServer, IncomingHttpHeaders, Server } from 'node:http';
import { AddressInfo } from 'node:net';

export interface ReceivedDelivery {
  headers: IncomingHttpHeaders;
  raw: string;
  body: any;
}

/** What the receiver does with the n-th request (1-based): answer a status, or never answer. */
export type ReceiverBehaviour = (n: number, body: any) => number | 'hang';

export interface WebhookReceiver {
  url: string;
  /** Every request that reached it, including failed attempts. */
  requests: ReceivedDelivery[];
  /** Requests it answered 2xx, in arrival order. */
  accepted: ReceivedDelivery[];
  behave(next: ReceiverBehaviour): void;
  /** Resolves once `count` deliveries were accepted (polls; the test's own timeout bounds it). */
  waitForAccepted(count: number): Promise<ReceivedDelivery[]>;
  close(): Promise<void>;
}

/** A webhook receiver on 127.0.0.1 that can fail, hang and recover on command. */
export const startWebhookReceiver = async (behaviour: ReceiverBehaviour = () => 200): Promise<WebhookReceiver> => {
  let behave = behaviour;
  const requests: ReceivedDelivery[] = [];
  const accepted: ReceivedDelivery[] = [];
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const raw = Buffer.concat(chunks).toString('utf8');
      const delivery = { headers: request.headers, raw, body: JSON.parse(raw) };
      requests.push(delivery);
      const answer = behave(requests.length, delivery.body);
      if (answer === 'hang') return;
      if (answer >= 200 && answer < 300) accepted.push(delivery);
      response.writeHead(answer).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hook`,
    requests,
    accepted,
    behave: (next) => (behave = next),
    waitForAccepted: async (count) => {
      while (accepted.length < count) await new Promise((resolve) => setTimeout(resolve, 10));
      return accepted.slice(0, count);
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
};
