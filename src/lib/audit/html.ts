import { readFileSync } from 'node:fs';
import { markdownToHtml } from 'satteri';
import { pullRequestUrl } from '../review/approvals.ts';
import type { DocumentInForce } from './documents.ts';

// The portal's own styles, print rules included, so a PDF reads like the page an auditor would print.
const styles = ['../../sites/base.css', '../../sites/portal/styles/portal.css'].map((path) => readFileSync(new URL(path, import.meta.url), 'utf8')).join('\n');

const pageStyles = `
@page { size: A4; margin: 18mm 16mm; }
body { background: #fff; }
.content { max-width: none; padding: 0; }
.cover { break-after: page; }
.cover h1 { font-size: 1.8rem; margin: 0 0 0.4rem; }
.cover dl { display: grid; grid-template-columns: max-content 1fr; gap: 0.4rem 1.2rem; margin-top: 1.5rem; }
.cover dt { font-weight: 600; }
.cover dd { margin: 0; }
table { font-size: 0.72rem; width: 100%; }
th, td { vertical-align: top; }
.footnote { color: #475569; font-size: 0.8rem; margin-top: 2rem; }
`;

export const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

function page(title: string, body: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title><style>${styles}\n${pageStyles}</style></head><body><main class="content">${body}</main></body></html>`;
}

const row = (term: string, value: string | undefined) => `<dt>${escapeHtml(term)}</dt><dd>${escapeHtml(value ?? '—')}</dd>`;

/** A policy or runbook version: a cover page with who approved it and when, then its text. */
export function documentHtml(document: DocumentInForce, context: { organisation: string; period: string; repository?: string }): string {
  const approval = document.approval;
  const link = pullRequestUrl(context.repository, approval?.pullRequest);
  const merge = approval
    ? `${approval.mergeCommit.slice(0, 12)} on ${approval.mergeDate.slice(0, 10)}${approval.pullRequest !== undefined ? `, pull request #${approval.pullRequest}${link ? ` (${link})` : ''}` : ''} (${approval.via}): ${approval.mergeSubject}`
    : 'none: the file has no history in git';
  const approvers = approval?.approvers.length ? approval.approvers.map((a) => a.name).join(', ') : approval?.mergedBy;
  const cover = `<section class="cover">
<p class="muted">${escapeHtml(context.organisation)} · ${document.kind === 'policy' ? 'Policy' : 'Runbook'}</p>
<h1>${escapeHtml(document.title)}</h1>
<dl>
${row('Version', document.version)}
${row('Owner', document.owner)}
${document.kind === 'policy' ? row('Approver', document.approver) : ''}
${row('Effective', document.effective)}
${row('In force during the audit period', `${document.effective < context.period.slice(0, 10) ? context.period.slice(0, 10) : document.effective} to ${document.inForceUntil}`)}
${row('Approving merge', merge)}
${row('Approved in review by', approvers)}
${approval && approval.mergeDate.slice(0, 10) > document.effective ? row('Note', `Merged on ${approval.mergeDate.slice(0, 10)}, after the effective date ${document.effective}: the approval in git postdates it.`) : ''}
${row('Source', document.file)}
</dl>
<p class="footnote">Audit period ${escapeHtml(context.period)}. The text that follows is the version that was in force, read from git.</p>
</section>`;
  return page(
    `${document.title} ${document.version}`,
    `${cover}<article class="prose"><h1>${escapeHtml(document.title)}</h1>${markdownToHtml(document.body).html}</article>`,
  );
}

/** A CSV's rows as a printable table. */
export function tableHtml(title: string, subtitle: string, header: readonly string[], rows: readonly (readonly string[])[]): string {
  const head = `<tr>${header.map((h) => `<th>${escapeHtml(h)}</th>`).join('')}</tr>`;
  const body = rows.map((r) => `<tr>${r.map((cell) => `<td>${escapeHtml(cell)}</td>`).join('')}</tr>`).join('\n');
  // Wide tables print in landscape, every column on the page, long hashes and texts wrapped.
  const landscape = `<style>@page { size: A4 landscape; margin: 12mm; } table { display: table; table-layout: auto; width: 100%; font-size: 0.6rem; overflow: visible; } th, td { padding: 0.25rem 0.35rem; overflow-wrap: break-word; } th { font-size: 0.6rem; text-transform: none; letter-spacing: 0; }</style>`;
  return page(
    title,
    `${landscape}<h1>${escapeHtml(title)}</h1><p class="muted">${escapeHtml(subtitle)}</p><table><thead>${head}</thead><tbody>${body}</tbody></table>`,
  );
}
