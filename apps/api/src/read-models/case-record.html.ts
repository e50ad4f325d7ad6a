/** The printable 纪实表. Every value from the record is escaped. */
import { OUTCOME_LABELS, STAGE_LABELS, type TimelineEntry } from '@app/projections';
import type { CaseRecord } from './case-record.service';
import { describeResult, describeValue } from './case-record.values';

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

export function escapeHtml(value: unknown): string {
  const text =
    value === null || value === undefined ? '' : typeof value === 'string' ? value : JSON.stringify(value);
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c]);
}

const NUMERALS = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];

function entryRows(entries: TimelineEntry[], names: ReadonlyMap<string, string>): string {
  return entries
    .map(
      (e) => `<tr>
  <td>${escapeHtml(e.revision)}</td>
  <td>${escapeHtml(e.time)}</td>
  <td>${escapeHtml(e.title)}</td>
  <td>${escapeHtml(`${e.actor.name}（${describeValue(e.actor.role, names)}，${e.actor.id}）`)}</td>
  <td>${escapeHtml(e.participants.map((p) => [p.name ?? p.id ?? p.role, p.part && describeValue(p.part, names)].filter(Boolean).join('·')).join('、'))}</td>
  <td>${describeResult(e.result, names).map(escapeHtml).join('<br>')}</td>
  <td>${escapeHtml(e.grounds)}</td>
  <td>${e.signatures.map((s) => `<div class="sig">${escapeHtml(`${s.name}（${describeValue(s.signedAs, names)}）${s.signedAt}`)}<br><code>${escapeHtml(s.digest)}</code></div>`).join('')}${
    e.signatures.length === 0 && e.digest ? `<code>${escapeHtml(e.digest)}</code>` : ''
  }</td>
</tr>`,
    )
    .join('\n');
}

function table(entries: TimelineEntry[], names: ReadonlyMap<string, string>): string {
  return `<table>
<colgroup><col class="no"><col class="time"><col class="step"><col class="actor"><col class="people"><col class="result"><col class="grounds"><col class="sigs"></colgroup>
<thead><tr><th>序号</th><th>时间</th><th>事项</th><th>经办人</th><th>参与人员</th><th>结果</th><th>依据与意见</th><th>签字及文本摘要</th></tr></thead>
<tbody>
${entryRows(entries, names)}
</tbody>
</table>`;
}

export function renderCaseRecordHtml(record: CaseRecord): string {
  const names = new Map(record.candidates.map((c) => [c.candidateId, c.person.name]));
  const v = record.verification;
  const verification = v.intact
    ? `完整：共 ${escapeHtml(v.events)} 条记录，哈希链校验通过`
    : `已被篡改：共 ${escapeHtml(v.events)} 条记录，自第 ${escapeHtml(v.brokenAt)} 条起哈希链校验不通过`;
  return `<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<title>干部选拔任用工作全程纪实表 ${escapeHtml(record.post.title)}</title>
<style>
body { font-family: "SimSun", "Songti SC", serif; margin: 2em; }
table { border-collapse: collapse; width: 100%; margin-bottom: 1.5em; font-size: 12px; }
th, td { border: 1px solid #333; padding: 4px; vertical-align: top; overflow-wrap: anywhere; }
table:not(.summary) { table-layout: fixed; }
col.no { width: 3em; } col.time { width: 9em; } col.step { width: 12%; } col.actor { width: 10%; }
col.people { width: 10%; } col.result { width: 26%; } col.grounds { width: 16%; } col.sigs { width: 14%; }
code { font-size: 10px; word-break: break-all; }
.broken { color: #b00; font-weight: bold; }
@media print { h2 { page-break-before: auto; } .candidate { page-break-before: always; } }
</style>
</head>
<body>
<h1>干部选拔任用工作全程纪实表</h1>
<table class="summary">
<tr><th>案件编号</th><td>${escapeHtml(record.caseId)}</td><th>组织部门</th><td>${escapeHtml(record.ownerOrgUnit)}</td></tr>
<tr><th>拟任职务</th><td>${escapeHtml(`${record.post.orgUnit}${record.post.title}（${record.post.level}）`)}</td><th>职数</th><td>${escapeHtml(record.seats)}</td></tr>
<tr><th>动议依据</th><td colspan="3">${escapeHtml(record.grounds)}</td></tr>
<tr><th>当前阶段</th><td>${escapeHtml(STAGE_LABELS[record.stage] ?? record.stage)}${record.outcome ? escapeHtml(`（${OUTCOME_LABELS[record.outcome] ?? record.outcome}）`) : ''}</td><th>记录版本</th><td>${escapeHtml(record.revision)}</td></tr>
</table>
${record.stages.map((s, i) => `<section class="stage">\n<h2>${NUMERALS[i] ?? i + 1}、${escapeHtml(s.label)}</h2>\n${table(s.entries, names)}\n</section>`).join('\n')}
<h2>一人一表</h2>
${record.candidates
  .map(
    (c) => `<section class="candidate">
<h3>考察对象：${escapeHtml(c.person.name)}</h3>
<p>${escapeHtml(`${c.person.orgUnit} ${c.person.currentPost}；状态：${describeValue(c.status, names)}；编号：${c.candidateId}`)}</p>
${table(c.entries, names)}
</section>`,
  )
  .join('\n')}
<h2>完整性校验</h2>
<p class="${v.intact ? 'intact' : 'broken'}">${verification}</p>
<p>生成时间：${escapeHtml(record.producedAt)}</p>
</body>
</html>
`;
}
