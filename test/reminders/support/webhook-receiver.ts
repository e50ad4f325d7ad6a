import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { verifyWebhookSignature } from '@app/reminders';

export interface ReceivedCall {
  reminderId: string;
  signatureValid: boolean;
  body: Record<string, unknown>;
  status: number;
}

/** A local HTTP receiver: checks each call's signature and answers with `answer(reminderId, attempt)`. */
export class WebhookReceiver {
  readonly calls: ReceivedCall[] = [];
  private server!: Server;

  constructor(
    private readonly secret: string,
    private readonly answer: (reminderId: string, attempt: number) => number = () => 204,
  ) {}

  async start(): Promise<string> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        const reminderId = String(req.headers['x-reminder-id'] ?? '');
        const attempt = this.calls.filter((c) => c.reminderId === reminderId).length + 1;
        const status = this.answer(reminderId, attempt);
        const signature = req.headers['x-signature'];
        this.calls.push({
          reminderId,
          signatureValid: verifyWebhookSignature(raw, this.secret, typeof signature === 'string' ? signature : undefined),
          body: JSON.parse(raw) as Record<string, unknown>,
          status,
        });
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

  stop(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}
