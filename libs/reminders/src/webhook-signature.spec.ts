import { createHmac } from 'node:crypto';
import { signWebhookBody, verifyWebhookSignature } from './webhook-signature';

describe('webhook signature', () => {
  const body = JSON.stringify({ reminderId: 'r-1', reason: '公示期满' });

  it('is sha256=<hex HMAC-SHA256 of the raw UTF-8 body>', () => {
    expect(signWebhookBody(body, 's3cret')).toBe(
      `sha256=${createHmac('sha256', 's3cret').update(Buffer.from(body, 'utf8')).digest('hex')}`,
    );
  });

  it('verifies only the same body with the same secret', () => {
    const signature = signWebhookBody(body, 's3cret');
    expect(verifyWebhookSignature(body, 's3cret', signature)).toBe(true);
    expect(verifyWebhookSignature(`${body} `, 's3cret', signature)).toBe(false);
    expect(verifyWebhookSignature(body, 'other', signature)).toBe(false);
    expect(verifyWebhookSignature(body, 's3cret', undefined)).toBe(false);
    expect(verifyWebhookSignature(body, 's3cret', 'sha256=short')).toBe(false);
  });
});
