import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { freePort } from '../support/free-port';
import { type ConsoleHarness, screenshot, startConsoleHarness } from './support/console-harness';

const AUDIENCE = 'urn:cadre-appointment:api';

async function startIssuer(port: number, redirectUri: string): Promise<ChildProcess> {
  const child = spawn(
    process.execPath,
    [join(__dirname, 'support', 'oidc-issuer.mjs'), String(port), redirectUri, AUDIENCE],
    {
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  await new Promise<void>((resolve, reject) => {
    let output = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      if (chunk.toString().includes('ready')) resolve();
    });
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('exit', (code) => reject(new Error(`the OIDC issuer exited (${code}): ${output}`)));
  });
  return child;
}

/**
 * Production sign-in: NODE_ENV=production (no dev-token route), the api trusting a real oidc-provider issuer's
 * JWKS; the browser signs in there with the authorization code flow and PKCE and the api accepts the token.
 */
describe('the console signs in at an OIDC issuer (browser)', () => {
  let harness: ConsoleHarness;
  let issuer: ChildProcess;
  let page: Page;

  beforeAll(async () => {
    const issuerPort = await freePort();
    const apiPort = await freePort();
    const issuerUrl = `http://127.0.0.1:${issuerPort}`;
    issuer = await startIssuer(issuerPort, `http://127.0.0.1:${apiPort}/console/auth/callback`);
    harness = await startConsoleHarness('browser_oidc', {
      NODE_ENV: 'production',
      PORT: String(apiPort),
      JWT_SECRET: 'unused-in-this-test-but-required-in-production',
      REMINDER_WEBHOOK_SECRET: 'unused-in-this-test-but-required-in-production',
      JWT_JWKS_URL: `${issuerUrl}/jwks`,
      JWT_ISSUER: issuerUrl,
      JWT_AUDIENCE: AUDIENCE,
      OIDC_CLIENT_ID: 'console',
    });
    page = await harness.newPage();
  }, 120_000);

  afterAll(async () => {
    await harness?.close();
    issuer?.kill('SIGTERM');
  });

  it('offers no demo sign-in in production, and no dev-token route', async () => {
    const devToken = await fetch(`${harness.baseUrl}/auth/dev-token`, { method: 'POST' });
    expect(devToken.status).toBe(404);
    await page.goto(`${harness.baseUrl}/console/login`);
    await page.getByTestId('oidc-sign-in').waitFor();
    expect(await page.locator('[data-testid^="sign-in-"]').count()).toBe(0);
  });

  it('signs in with the authorization code and PKCE; the api accepts the access token', async () => {
    await page.getByTestId('oidc-sign-in').click();
    await page.locator('input[name="login"]').waitFor();
    expect(page.url()).toContain('/interaction/');
    await page.locator('input[name="login"]').fill('h-001');
    await page.locator('input[name="password"]').fill('any');
    await page.locator('button[type="submit"]').click();
    const consent = page.locator('button[type="submit"]', { hasText: /Continue/ });
    if (await consent.isVisible({ timeout: 5_000 }).catch(() => false)) await consent.click();
    await page.getByTestId('signed-in-as').waitFor({ timeout: 20_000 });
    expect(await page.getByTestId('signed-in-as').textContent()).toContain('王志强');
    // The page's own token, sent by the page: the api verifies it against the issuer's JWKS.
    const status = await page.evaluate(
      `fetch('/cases', { headers: { Authorization: 'Bearer ' + sessionStorage.getItem('console.token') } }).then((r) => r.status)`,
    );
    expect(status).toBe(200);
    await screenshot(page, '12-signed-in-by-oidc');
  });
});
