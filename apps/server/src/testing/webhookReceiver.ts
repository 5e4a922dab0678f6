import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedWebhook {
  headers: IncomingHttpHeaders;
  body: string;
  /** The request's path, e.g. `/hooks/gavel`. */
  path: string;
}

export interface WebhookReceiver {
  /** `<origin>/hooks/gavel`: a URL to register as an account's webhook. */
  url: string;
  /** `http://127.0.0.1:<port>`, for tests that post to paths of their own. */
  origin: string;
  received: ReceivedWebhook[];
  close(): Promise<void>;
}

/** A real local HTTP server that records webhook deliveries and answers `status(path)` (204 by default). */
export async function startWebhookReceiver(
  opts: { status?: (path: string) => number } = {},
): Promise<WebhookReceiver> {
  const received: ReceivedWebhook[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const path = req.url ?? '';
      received.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8'), path });
      res.writeHead(opts.status?.(path) ?? 204).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url: `${origin}/hooks/gavel`,
    origin,
    received,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
