import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { verifyWebhookSignature } from '@app/reminders';

export interface ReceivedCall {
  reminderId: string;
  signatureValid: boolean;
  body: Record<string, unknown>;
  /** 0: held open, never answered. */
  status: number;
}

/** A status to answer with, or `hold`: keep the request open and never answer it. */
export type WebhookAnswer = number | 'hold';

/** A local HTTP receiver: checks each call's signature and answers with `answer(reminderId, attempt)`. */
export class WebhookReceiver {
  readonly calls: ReceivedCall[] = [];
  private server!: Server;
  private readonly held: ServerResponse[] = [];

  constructor(
    private readonly secret: string,
    private readonly answer: (reminderId: string, attempt: number) => WebhookAnswer = () => 204,
  ) {}

  async start(): Promise<string> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        const reminderId = String(req.headers['x-reminder-id'] ?? '');
        const attempt = this.calls.filter((c) => c.reminderId === reminderId).length + 1;
        const answer = this.answer(reminderId, attempt);
        const status = answer === 'hold' ? 0 : answer;
        const signature = req.headers['x-signature'];
        this.calls.push({
          reminderId,
          signatureValid: verifyWebhookSignature(
            raw,
            this.secret,
            typeof signature === 'string' ? signature : undefined,
          ),
          body: JSON.parse(raw) as Record<string, unknown>,
          status,
        });
        if (answer === 'hold') {
          this.held.push(res);
          return;
        }
        res.statusCode = status;
        res.end();
      });
    });
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/reminders`;
  }

  callsFor(reminderId: string): ReceivedCall[] {
    return this.calls.filter((c) => c.reminderId === reminderId);
  }

  accepted(reminderId: string): number {
    return this.callsFor(reminderId).filter((c) => c.status >= 200 && c.status < 300).length;
  }

  /** Calls held open and not answered. */
  heldFor(reminderId: string): number {
    return this.callsFor(reminderId).filter((c) => c.status === 0).length;
  }

  stop(): Promise<void> {
    for (const res of this.held) res.destroy();
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}
