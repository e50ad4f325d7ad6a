import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import JSZip from 'jszip';
import type { Actor } from '@app/appointment/appointment.commands';
import { createAppointmentDecider } from '@app/appointment';
import { ChinaWorkingCalendar } from '@app/calendar';
import { EVENT_STORE, type EventStore } from '@app/event-store';
import { toProblemResponse } from '@app/platform';
import { Client } from 'pg';
import { manifestDigest, sha256OfBytes } from '../../apps/api/src/read-models/case-archive.bundle';
import { verifyArchive } from '../../apps/api/src/read-models/case-archive.verifier';
import { RecordPdfRenderer } from '../../apps/api/src/read-models/case-record.pdf';
import { appendCompleteCase, type CompleteCase } from '../support/complete-case';
import { E2eApp, startE2eApp } from '../support/e2e-app';
import { people } from '../support/people';

const ROOT = join(__dirname, '../..');

/**
 * The 纪实表 as PDF and the 一案一档 bundle of the complete two-candidate case (the case of
 * case-lifecycle.e2e-spec.ts), through HTTP, printed by the real Chromium and read back with
 * poppler (pdftotext, pdffonts, pdfinfo).
 */
describe('the 纪实表 PDF and the 一案一档 bundle (e2e, Chromium)', () => {
  let e2e: E2eApp;
  let built: CompleteCase;
  let dir: string;
  let pdfPath: string;
  let zip: Buffer;

  beforeAll(async () => {
    e2e = await startE2eApp('api_record_pdf');
    const store = e2e.app.get<EventStore>(EVENT_STORE);
    built = await appendCompleteCase(
      store,
      createAppointmentDecider({ calendar: new ChinaWorkingCalendar() }),
    );
    dir = mkdtempSync(join(tmpdir(), 'record-pdf-'));
  }, 60_000);

  afterAll(async () => {
    await e2e?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  async function getBinary(actor: Actor, path: string, accept?: string) {
    const request = e2e
      .http()
      .get(path)
      .set('Authorization', `Bearer ${await e2e.tokenFor(actor)}`)
      .buffer(true)
      .parse((res, done) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => done(null, Buffer.concat(chunks)));
      });
    return accept ? request.set('Accept', accept) : request;
  }

  it('prints an A4 PDF of at most 12 pages with every stage heading, the footer and the sign-off block', async () => {
    const response = await getBinary(people.auditor, `/cases/${built.caseId}/record`, 'application/pdf');
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toBe('application/pdf');
    const pdf = response.body as Buffer;
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    pdfPath = join(dir, 'record.pdf');
    writeFileSync(pdfPath, pdf);

    const info = execFileSync('pdfinfo', [pdfPath], { encoding: 'utf8' });
    const pages = Number(/Pages:\s+(\d+)/.exec(info)?.[1]);
    expect(pages).toBeGreaterThanOrEqual(3);
    expect(pages).toBeLessThanOrEqual(12);
    expect(info).toMatch(/Page size:\s+59[45](\.\d+)? x 84[12](\.\d+)? pts \(A4\)/);

    const text = execFileSync('pdftotext', ['-layout', pdfPath, '-'], { encoding: 'utf8' });
    for (const heading of [
      '干部选拔任用工作全程纪实表',
      '一、动议',
      '二、动议审批',
      '三、民主推荐',
      '四、确定考察对象',
      '五、考察',
      '六、讨论决定',
      '七、任前公示',
      '八、任职',
      '九、结案',
      '一人一表',
      '完整性校验',
      '哈希链校验通过',
      '链头哈希',
      '经办人：',
      '审核人：',
      '负责人：',
    ])
      expect(text).toContain(heading);
    expect(text).toMatch(/第\s*1\s*页\s*共\s*\d+\s*页/);
    expect(text).toMatch(new RegExp(`第\\s*${pages}\\s*页\\s*共\\s*${pages}\\s*页`));
    expect(text).toContain(`案件编号：${built.caseId}`);
    expect(text).toContain('冯巡视（选人用人检查人员）');
    expect(text).not.toMatch(/\d{4}-\d\d-\d\dT\d\d:\d\d/);
    // no heading left alone at the end of a page
    const pageEnds = text
      .split('\f')
      .filter((page) => page.trim() !== '')
      .map((page) =>
        page
          .split('\n')
          .filter((line) => line.trim() !== '' && !/第\s*\d+\s*页/.test(line))
          .pop()
          ?.trim(),
      );
    expect(pageEnds).toHaveLength(pages);
    for (const end of pageEnds)
      expect(end).not.toMatch(/^([一二三四五六七八九十]+、\S+|一人一表|完整性校验|未办结事项)$/);
  });

  it('embeds only the Noto fonts of the npm packages', () => {
    const rows = execFileSync('pdffonts', [pdfPath], { encoding: 'utf8' }).trim().split('\n').slice(2);
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) {
      const name = row.split(/\s+/)[0];
      expect(name).toMatch(/^[A-Z]{6}\+Noto(Serif|Sans)SC/);
      // columns: name type [type…] encoding emb sub uni object ID
      const cols = row.trim().split(/\s+/);
      expect(cols[cols.length - 5]).toBe('yes');
    }
  });

  it('prints several records at once on the one browser, each complete', async () => {
    const responses = await Promise.all(
      [1, 2, 3].map(() => getBinary(people.auditor, `/cases/${built.caseId}/record`, 'application/pdf')),
    );
    for (const response of responses) {
      expect(response.status).toBe(200);
      expect((response.body as Buffer).subarray(-6).toString()).toContain('%%EOF');
    }
  }, 60_000);

  it('logs the auditor read of the PDF and refuses a reader outside the case', async () => {
    const db = new Client({ connectionString: e2e.databaseUrl });
    await db.connect();
    try {
      const { rows } = await db.query(
        `SELECT resource, outcome FROM read_audit_log WHERE case_id = $1 AND actor_id = $2`,
        [built.caseId, people.auditor.id],
      );
      expect(rows).toEqual(expect.arrayContaining([{ resource: 'record', outcome: 200 }]));
    } finally {
      await db.end();
    }
    const refused = await getBinary(people.otherHandler, `/cases/${built.caseId}/record`, 'application/pdf');
    expect(refused.status).toBe(403);
    const archive = await getBinary(people.otherHandler, `/cases/${built.caseId}/archive`);
    expect(archive.status).toBe(403);
  });

  it('answers 503 in Chinese, not 500, when Chromium cannot be started', async () => {
    const renderer = new RecordPdfRenderer({ chromiumPath: join(dir, 'no-chromium') });
    const error = await renderer.renderHtml('<p>纪实表</p>').catch((e: unknown) => e);
    const { problem } = toProblemResponse(error);
    expect(problem).toMatchObject({ status: 503, code: 'RECORD.PDF_UNAVAILABLE' });
    expect(problem.detail).toContain('无法生成 PDF');
    await renderer.onApplicationShutdown();
  });

  it('bundles 一案一档: manifest, the exact history, the PDF and the HTML; it verifies offline', async () => {
    const response = await getBinary(people.auditor, `/cases/${built.caseId}/archive`);
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toBe('application/zip');
    zip = response.body as Buffer;
    const files = await JSZip.loadAsync(zip);
    expect(Object.keys(files.files).sort()).toEqual([
      'history.jsonl',
      'manifest.json',
      'record.html',
      'record.pdf',
    ]);
    const manifest = JSON.parse(await files.file('manifest.json')!.async('string'));
    const history = (
      await e2e
        .http()
        .get(`/cases/${built.caseId}/history`)
        .set('Authorization', `Bearer ${await e2e.tokenFor(people.auditor)}`)
    ).body;
    const lines = (await files.file('history.jsonl')!.async('string')).trimEnd().split('\n');
    expect(lines.map((l) => JSON.parse(l))).toEqual(history.events);
    expect(manifest).toMatchObject({
      caseId: built.caseId,
      post: '市发展和改革委员会副主任（副局级）',
      events: history.events.length,
      chainHead: history.events[history.events.length - 1].metadata.hash,
      generatedBy: { id: people.auditor.id, name: people.auditor.name, role: 'auditor' },
    });
    expect(manifest.generatedAt).toMatch(/\+08:00$/);
    expect(Object.keys(manifest.files).sort()).toEqual(['history.jsonl', 'record.html', 'record.pdf']);

    const db = new Client({ connectionString: e2e.databaseUrl });
    await db.connect();
    try {
      const { rows } = await db.query(
        `SELECT outcome FROM read_audit_log WHERE case_id = $1 AND actor_id = $2 AND resource = 'archive'`,
        [built.caseId, people.auditor.id],
      );
      expect(rows).toEqual([{ outcome: 200 }]);
    } finally {
      await db.end();
    }
    expect(await verifyArchive(zip)).toMatchObject({
      intact: true,
      problems: [],
      events: history.events.length,
    });
    const path = join(dir, 'archive.zip');
    writeFileSync(path, zip);
    const cli = spawnSync('npx', ['tsx', 'scripts/verify-archive.ts', path], { cwd: ROOT, encoding: 'utf8' });
    expect(cli.status).toBe(0);
    expect(cli.stdout).toContain('校验通过');
  }, 60_000);

  async function tampered(change: (files: Record<string, Buffer>) => void): Promise<Buffer> {
    const source = await JSZip.loadAsync(zip);
    const files: Record<string, Buffer> = {};
    for (const name of Object.keys(source.files)) files[name] = await source.file(name)!.async('nodebuffer');
    change(files);
    const out = new JSZip();
    for (const [name, bytes] of Object.entries(files)) out.file(name, bytes);
    return out.generateAsync({ type: 'nodebuffer' });
  }

  const flipByte = (bytes: Buffer, at: number): Buffer => {
    const copy = Buffer.from(bytes);
    copy[at] = copy[at] === 0x31 ? 0x32 : 0x31;
    return copy;
  };

  it.each(['record.pdf', 'record.html', 'history.jsonl', 'manifest.json'])(
    'detects one changed byte in %s and names the file',
    async (name) => {
      const broken = await tampered((files) => {
        const bytes = files[name];
        // a digit inside the content: the JSON files stay valid JSON
        const at = name.endsWith('.pdf') ? Math.floor(bytes.length / 2) : bytes.indexOf('"20') + 2;
        files[name] = flipByte(bytes, at);
      });
      const result = await verifyArchive(broken);
      expect(result.intact).toBe(false);
      expect(result.brokenFile).toBe(name);
    },
  );

  it('detects a byte changed in the zip itself', async () => {
    const corrupted = Buffer.from(zip);
    corrupted[Math.floor(corrupted.length / 3)] ^= 0xff;
    const result = await verifyArchive(corrupted);
    expect(result.intact).toBe(false);
    expect(result.problems[0]).toContain('不是完整有效的 zip 文件');
  });

  it('locates a changed event in history.jsonl by its revision, even when the manifest is rewritten to match', async () => {
    const broken = await tampered((files) => {
      const lines = files['history.jsonl'].toString('utf8').split('\n');
      expect(lines[4]).toContain('实绩突出');
      lines[4] = lines[4].replace('实绩突出', '实绩一般');
      files['history.jsonl'] = Buffer.from(lines.join('\n'));
      const { manifestSha256: _old, ...manifest } = JSON.parse(files['manifest.json'].toString('utf8'));
      manifest.files['history.jsonl'].sha256 = sha256OfBytes(files['history.jsonl']);
      files['manifest.json'] = Buffer.from(
        JSON.stringify({ ...manifest, manifestSha256: manifestDigest(manifest) }),
      );
    });
    const result = await verifyArchive(broken);
    expect(result).toMatchObject({ intact: false, brokenRevision: '4' });
    expect(result.brokenFile).toBeUndefined();
    expect(result.problems[0]).toContain('版本号 4');
  });

  it('locates a deleted event line and two reordered lines', async () => {
    const deleted = await tampered((files) => {
      const lines = files['history.jsonl'].toString('utf8').split('\n');
      lines.splice(7, 1);
      files['history.jsonl'] = Buffer.from(lines.join('\n'));
    });
    expect(await verifyArchive(deleted)).toMatchObject({ intact: false, brokenRevision: '7' });
    const swapped = await tampered((files) => {
      const lines = files['history.jsonl'].toString('utf8').split('\n');
      [lines[10], lines[11]] = [lines[11], lines[10]];
      files['history.jsonl'] = Buffer.from(lines.join('\n'));
    });
    const result = await verifyArchive(swapped);
    expect(result).toMatchObject({ intact: false, brokenRevision: '10' });
    const path = join(dir, 'swapped.zip');
    writeFileSync(path, swapped);
    const cli = spawnSync('npx', ['tsx', 'scripts/verify-archive.ts', path], { cwd: ROOT, encoding: 'utf8' });
    expect(cli.status).toBe(1);
    expect(cli.stdout).toContain('校验不通过');
    expect(cli.stdout).toMatch(/位置：.*history\.jsonl 版本号 10/);
  }, 60_000);
});
