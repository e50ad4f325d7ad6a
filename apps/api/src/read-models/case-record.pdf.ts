/**
 * The 纪实表 as an A4 PDF: the HTML of the one template, printed by headless Chromium through
 * playwright-core. One browser per process, launched on first use and reused; a few pages at a
 * time; closed on shutdown. The page names only the embedded fonts (case-record.fonts.ts) and may
 * load nothing but them.
 */
import { Inject, Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { type Browser, chromium, type Page } from 'playwright-core';
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
  private idle: Page[] = [];
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
    let page: Page | undefined;
    let reusable = false;
    try {
      page = this.idle.pop() ?? (await this.newPage());
      await page.setContent(html, { waitUntil: 'load' });
      await page.evaluate('document.fonts.ready.then(() => undefined)');
      const pdf = await page.pdf({ preferCSSPageSize: true, printBackground: true });
      reusable = true;
      return pdf;
    } catch (error) {
      if (error instanceof PdfUnavailableError) throw error;
      this.logger.error(`printing a record failed: ${String(error)}`);
      throw new PdfUnavailableError(
        'RECORD.PDF_UNAVAILABLE',
        '生成 PDF 时 Chromium 出错，请稍后重试；纪实表的 HTML 版本仍可使用。',
      );
    } finally {
      if (page && reusable && !page.isClosed()) this.idle.push(page);
      else await page?.close().catch(() => undefined);
      this.release();
    }
  }

  /**
   * A page that may load nothing but the embedded fonts. Pages are kept and reused: the fonts a
   * page has decoded stay loaded, which makes every later render several times faster.
   */
  private async newPage(): Promise<Page> {
    const browser = await this.launch();
    const page = await browser.newPage();
    page.setDefaultTimeout(RENDER_TIMEOUT_MS);
    await page.route(/^(?!https:\/\/record-fonts\.invalid\/)(https?|file|ftp|ws|wss):/, (route) =>
      route.abort(),
    );
    await page.route(`${FONT_ORIGIN}/**`, (route) => {
      const body = fontFile(route.request().url());
      return body
        ? route.fulfill({ status: 200, contentType: 'font/woff2', body })
        : route.fulfill({ status: 404, body: '' });
    });
    return page;
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
            if (this.browser === launching) {
              this.browser = null;
              this.idle = [];
            }
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
    this.idle = [];
    if (browser) await (await browser.catch(() => null))?.close().catch(() => undefined);
  }
}
