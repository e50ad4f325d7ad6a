/**
 * The one template of the printable 纪实表: the HTML answer and the PDF (rendered from this same
 * HTML by Chromium). Page size, header and the `第 x 页 共 y 页` footer are CSS @page rules, so they
 * use the document's own (embedded) font, and a browser printing the HTML gets the same pages.
 * Every value from the record is escaped.
 */
import type { CandidateSheet, CaseRecordDocument, OpenItem } from './case-record.document';
import type { RecordRow, VoteTable } from './case-record.words';

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

function plain(value: unknown): string {
  return value === null || value === undefined
    ? ''
    : typeof value === 'string'
      ? value
      : JSON.stringify(value);
}

export function escapeHtml(value: unknown): string {
  return plain(value).replace(/[&<>"']/g, (c) => ESCAPES[c]);
}

/** A CSS string literal (for @page margin boxes). */
function cssString(text: string): string {
  return `"${text.replace(/[\\"]/g, (c) => `\\${c}`).replace(/[\n\r\f]/g, ' ')}"`;
}

/** The fonts the page names: the PDF passes embedded faces and names nothing else. */
export interface RecordFonts {
  /** @font-face rules */
  faces: string;
  /** font-family list for body text */
  serif: string;
  /** font-family list for headings */
  sans: string;
}

/** For the HTML answer: the reader's own CJK fonts. */
export const SYSTEM_FONTS: RecordFonts = {
  faces: '',
  serif: '"Noto Serif SC", "Noto Serif CJK SC", "Source Han Serif SC", "Songti SC", SimSun, serif',
  sans: '"Noto Sans SC", "Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei", SimHei, sans-serif',
};

/**
 * A run of more than 64 characters with no space and no CJK character (a pasted URL, base64) gets a
 * break opportunity (<wbr>) after every 8, so its lines still fill the cell; a digest (64 hex
 * digits) stays whole. Chromium finds breaks inside a run itself only at a cost that grows with the
 * square of its length: one 10,000-letter field took 9 s to print, with <wbr> under 1 s.
 */
const BREAK_EVERY = 8;
const LONG_RUN = /([^\s\u2E80-\u9FFF\uF900-\uFAFF\uFF00-\uFFEF]{65,})/u;

/** A value as page text: escaped, long runs breakable. */
export function printed(value: unknown): string {
  return plain(value)
    .split(LONG_RUN)
    .map((part, i) => (i % 2 === 0 ? escapeHtml(part) : breakable(part)))
    .join('');
}

function breakable(run: string): string {
  const characters = Array.from(run);
  const chunks: string[] = [];
  for (let i = 0; i < characters.length; i += BREAK_EVERY)
    chunks.push(escapeHtml(characters.slice(i, i + BREAK_EVERY).join('')));
  return chunks.join('<wbr>');
}

const e = printed;

function lines(values: string[]): string {
  return values.map((v) => `<div>${e(v)}</div>`).join('');
}

function timeCell(value: string): string {
  const [date, clock] = value.split(' ');
  return clock ? `${e(date)}<br>${e(clock)}` : e(date);
}

function voteTable(v: VoteTable): string {
  const cols = v.columns;
  return `<table class="votes">
<thead><tr><th class="member">到会成员</th>${cols.map((c) => `<th>${e(c.candidate)}</th>`).join('')}</tr></thead>
<tbody>
${v.members
  .map(
    (m) =>
      `<tr><td class="member">${e(m.name)}${m.principal ? '（主要负责同志，最后表态）' : ''}</td>${m.votes.map((x) => `<td>${e(x)}</td>`).join('')}</tr>`,
  )
  .join('\n')}
<tr class="sum"><td class="member">同意／不同意／缓议</td>${cols.map((c) => `<td>${c.agree}／${c.disagree}／${c.defer}</td>`).join('')}</tr>
<tr class="sum"><td class="member">通过所需同意票（应到会${v.entitled}人的半数以上）</td>${cols.map(() => `<td>${v.majority}票</td>`).join('')}</tr>
<tr class="sum"><td class="member">表决结果</td>${cols.map((c) => `<td><b>${e(c.outcome)}</b></td>`).join('')}</tr>
</tbody>
</table>`;
}

/** 王经办（经办人） → the name, the role below it in small type. */
function actorCell(actor: string): string {
  const i = actor.indexOf('（');
  return i < 0 ? e(actor) : `${e(actor.slice(0, i))}<div class="role">${e(actor.slice(i))}</div>`;
}

function row(r: RecordRow): string {
  const signatures = r.signatures
    .map((s) => `<div>已签：${e(`${s.name}（${s.signedAs}）${s.signedAt}`)}</div>`)
    .join('');
  const digest = r.digest ? `<div class="digest">文本摘要（SHA-256）：<code>${e(r.digest)}</code></div>` : '';
  const main = `<tr>
<td class="no">${e(r.revision)}</td>
<td class="time">${timeCell(r.occurredAt)}</td>
<td class="time">${timeCell(r.recordedAt)}</td>
<td class="step">${e(r.title)}</td>
<td class="content">${lines(r.lines)}${signatures}${digest}</td>
<td class="actor">${actorCell(r.actor)}</td>
</tr>`;
  // A meeting and its vote table stay on one page: a section of its own that is not broken.
  return r.votes
    ? `</tbody><tbody class="together">${main}\n<tr class="vote-row"><td colspan="6">${voteTable(r.votes)}</td></tr></tbody><tbody>`
    : main;
}

const COLUMNS = `<colgroup><col class="no"><col class="time"><col class="time"><col class="step"><col class="content"><col class="actor"></colgroup>
<thead><tr><th>序号</th><th>发生时间</th><th>录入时间</th><th>事项</th><th>内容（结果、依据与意见、签字）</th><th>经办人</th></tr></thead>`;

function openBox(items: OpenItem[]): string {
  const body = items.length
    ? `<table class="open"><colgroup><col class="item"><col class="who"><col class="due"><col class="to"></colgroup><thead><tr><th>未办结事项</th><th>涉及人员</th><th>办理期限</th><th>提醒对象</th></tr></thead><tbody>
${items
  .map(
    (i) =>
      `<tr><td>${e(i.item)}</td><td>${e(i.concerns)}</td><td>${e(i.due || '—')}${i.overdue ? '<br><b class="overdue">已逾期</b>' : ''}</td><td>${e(i.to || '—')}</td></tr>`,
  )
  .join('\n')}
</tbody></table>`
    : '<p>无未办结事项。</p>';
  return `<section class="open-box"><h2>未办结事项</h2>${body}</section>`;
}

function sheet(s: CandidateSheet): string {
  return `<section class="sheet">
<h2>一人一表</h2>
<p class="sheet-name">考察对象：${e(s.name)}　　状态：${e(s.status)}</p>
<table class="sheet-table">
<colgroup><col class="label"><col></colgroup>
<tbody>
${s.rows.map((r) => `<tr><th>${e(r.label)}</th><td>${lines(r.lines)}</td></tr>`).join('\n')}
</tbody>
</table>
</section>`;
}

export function renderCaseRecordHtml(doc: CaseRecordDocument, fonts: RecordFonts = SYSTEM_FONTS): string {
  const v = doc.verification;
  const verification = v.intact
    ? `完整：共 ${v.events} 条记录，哈希链校验通过`
    : `已被篡改：共 ${v.events} 条记录，自序号 ${v.brokenAt ?? ''} 的记录起哈希链校验不通过`;
  return `<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<title>干部选拔任用工作全程纪实表　${escapeHtml(doc.post)}</title>
<style>
${fonts.faces}
@page {
  size: A4;
  margin: 16mm 14mm 16mm 14mm;
  @top-left { content: ${cssString(`案件编号：${doc.caseId}`)}; font-family: ${fonts.serif}; font-size: 8pt; color: #444; }
  @top-right { content: ${cssString(doc.post)}; font-family: ${fonts.serif}; font-size: 8pt; color: #444; }
  @bottom-center { content: "第 " counter(page) " 页 共 " counter(pages) " 页"; font-family: ${fonts.serif}; font-size: 9pt; }
}
html { font-family: ${fonts.serif}; font-size: 9.5pt; line-height: 1.45; color: #000; }
body { margin: 0 auto; max-width: 190mm; }
@media screen { body { margin: 8mm auto; } }
h1, h2, th, b, strong, .broken, .sheet-name { font-family: ${fonts.sans}; font-weight: 700; }
.role { font-size: 8pt; }
h1 { font-size: 17pt; text-align: center; letter-spacing: 0.1em; margin: 0 0 4mm; }
h2 { font-size: 12pt; margin: 5mm 0 2mm; break-after: avoid; page-break-after: avoid; }
table { border-collapse: collapse; width: 100%; table-layout: fixed; }
th, td { border: 0.6pt solid #000; padding: 1.2mm 1.4mm; vertical-align: top; overflow-wrap: anywhere; text-align: left; }
th { font-size: 9pt; background: #f2f2f2; }
thead { display: table-header-group; }
tr, .summary, .final, .sheet-table tr, tbody.together { break-inside: avoid; page-break-inside: avoid; }
col.no { width: 7%; } col.time { width: 12%; } col.step { width: 16%; } col.content { width: 39%; } col.actor { width: 14%; }
td.no { text-align: center; }
td.time { font-size: 8.5pt; }
.stage thead th { text-align: center; }
code { font-family: ${fonts.serif}; font-size: 7.5pt; word-break: break-all; }
.digest { color: #222; }
.summary th { width: 16%; }
.vote-row > td { padding: 1.5mm 6mm 2mm; }
table.votes { width: auto; min-width: 60%; margin: 0 auto; }
table.votes th, table.votes td { text-align: center; padding: 0.8mm 2mm; }
table.votes .member { text-align: left; }
table.votes tr.sum td { background: #fafafa; }
.open-box { border: 1.2pt solid #000; padding: 1mm 3mm 3mm; margin: 4mm 0; break-inside: avoid; }
.open-box h2 { margin-top: 1mm; }
.overdue { color: #b00; }
table.open col.item { width: 50%; } table.open col.who { width: 12%; } table.open col.due { width: 17%; }
.sheet { break-before: page; page-break-before: always; }
.sheet h2 { text-align: center; font-size: 14pt; }
.sheet-name { margin: 0 0 2mm; }
.sheet-table col.label { width: 20%; }
.final { margin-top: 6mm; }
.final table th { width: 18%; }
.broken { color: #b00; font-weight: 700; }
.sign { display: flex; justify-content: space-between; margin-top: 9mm; }
.sign div { width: 31%; }
.sign span { display: inline-block; border-bottom: 0.6pt solid #000; width: 60%; }
.sign p { margin: 0 0 5mm; }
</style>
</head>
<body>
<h1>干部选拔任用工作全程纪实表</h1>
<table class="summary">
<tr><th>案件编号</th><td colspan="3">${e(doc.caseId)}</td></tr>
<tr><th>拟任职务</th><td>${e(doc.post)}</td><th>职数</th><td>${e(doc.seats)}名</td></tr>
<tr><th>组织部门</th><td>${e(doc.ownerOrgUnit)}</td><th>当前阶段</th><td>${e(doc.stage)}</td></tr>
<tr><th>动议依据</th><td colspan="3">${e(doc.grounds)}</td></tr>
<tr><th>人选</th><td colspan="3">${e(doc.candidates || '尚无')}</td></tr>
</table>
${doc.openItems ? openBox(doc.openItems) : ''}
${doc.sections
  .map(
    (s) => `<section class="stage">
<h2>${e(s.heading)}</h2>
<table>
${COLUMNS}
<tbody>
${s.rows.map(row).join('\n')}
</tbody>
</table>
</section>`,
  )
  .join('\n')}
${doc.sheets.map(sheet).join('\n')}
<section class="final">
<h2>完整性校验</h2>
<table>
<tr><th>记录条数</th><td>${e(doc.events)}</td></tr>
<tr><th>哈希链校验</th><td class="${v.intact ? 'intact' : 'broken'}">${e(verification)}</td></tr>
<tr><th>链头哈希</th><td><code>${e(doc.chainHead)}</code>${doc.events ? `（序号 ${doc.events - 1} 的记录）` : ''}</td></tr>
<tr><th>生成人</th><td>${e(`${doc.generatedBy.name}（${doc.generatedBy.role}）`)}</td></tr>
<tr><th>生成时间</th><td>${e(doc.generatedAt)}（北京时间）</td></tr>
</table>
<div class="sign">
<div><p>经办人：<span></span></p><p>日期：<span></span></p></div>
<div><p>审核人：<span></span></p><p>日期：<span></span></p></div>
<div><p>负责人：<span></span></p><p>日期：<span></span></p></div>
</div>
</section>
</body>
</html>
`;
}
