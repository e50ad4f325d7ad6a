/**
 * The 纪实表 as an A4 PDF: the HTML of the one template, printed by headless Chromium through
 * playwright-core. One browser per process, launched on first use and reused; a few pages at a
 * time; closed on shutdown. The page names only the embedded fonts (case-record.fonts.ts) and may
 * load nothing but them.
 */
import { Inject, Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { type Browser, chromium } from 'playwright-core';
import { APP_CONFIG, type AppConfig, UnavailableError } from '@app/platform';
import { embeddedFonts, FONT_ORIGIN, fontFile } from './case-record.fonts';
import type { CaseRecordDocument } from './case-record.document';
import { renderCaseRecordHtml } from './case-record.html';

export const DEFAULT_CHROMIUM_PATH = '/usr/bin/chromium';
const MAX_CONCURRENT_PAGES = 2;
const RENDER_TIMEOUT_MS = 60_000;

const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export class PdfUnavailableError extends UnavailableError {}

@Injectable()
export class RecordPdfRenderer implements OnApplicationShutdown {
  private readonly logger = new Logger(RecordPdfRenderer.name);
  private browser: Promise<Browser> | null = null;
  private active = 0;
  private readonly waiting: Array<() => void> = [];

  constructor(@Inject(APP_CONFIG) private readonly config: Pick<AppConfig, 'chromiumPath'>) {}

  private get executablePath(): string {
    return this.config.chromiumPath ?? DEFAULT_CHROMIUM_PATH;
  }

  async render(document: CaseRecordDocument): Promise<Buffer> {
    return this.renderHtml(renderCaseRecordHtml(document, embeddedFonts()));
  }

  async renderHtml(html: string): Promise<Buffer> {
    await this.acquire();
    try {
      const browser = await this.launch();
      const context = await browser.newContext();
      try {
        const page = await context.newPage();
        page.setDefaultTimeout(RENDER_TIMEOUT_MS);
        await page.route(`${FONT_ORIGIN}/**`, (route) => {
          const body = fontFile(route.request().url());
          return body
            ? route.fulfill({ status: 200, contentType: 'font/woff2', body })
            : route.fulfill({ status: 404, body: '' });
        });
        await page.route(/^(?!https:\/\/record-fonts\.invalid\/)(https?|file):/, (route) => route.abort());
        await page.setContent(html, { waitUntil: 'load' });
        await page.evaluate('document.fonts.ready.then(() => undefined)');
        return await page.pdf({ preferCSSPageSize: true, printBackground: true });
      } finally {
        await context.close().catch(() => undefined);
      }
    } finally {
      this.release();
    }
  }

  private launch(): Promise<Browser> {
    if (!this.browser) {
      const launching = chromium
        .launch({
          executablePath: this.executablePath,
          args: CHROMIUM_ARGS,
        })
        .then((browser) => {
          browser.on('disconnected', () => {
            if (this.browser === launching) this.browser = null;
          });
          return browser;
        })
        .catch((error: unknown) => {
          this.browser = null;
          this.logger.error(`cannot start Chromium at ${this.executablePath}: ${String(error)}`);
          throw new PdfUnavailableError(
            'RECORD.PDF_UNAVAILABLE',
            `无法生成 PDF：服务器上的 Chromium（${this.executablePath}）无法启动，请联系管理员检查 CHROMIUM_PATH；纪实表的 HTML 版本仍可使用。`,
            { chromiumPath: this.executablePath },
          );
        });
      this.browser = launching;
    }
    return this.browser;
  }

  private async acquire(): Promise<void> {
    if (this.active < MAX_CONCURRENT_PAGES) {
      this.active++;
      return;
    }
    await new Promise<void>((resolve) => this.waiting.push(resolve));
  }

  private release(): void {
    const next = this.waiting.shift();
    if (next) next();
    else this.active--;
  }

  async onApplicationShutdown(): Promise<void> {
    const browser = this.browser;
    this.browser = null;
    if (browser) await (await browser.catch(() => null))?.close().catch(() => undefined);
  }
}
