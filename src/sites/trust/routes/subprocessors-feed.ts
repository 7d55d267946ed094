import type { APIRoute } from 'astro';
import { absolute, builtAt, feed, feedAuthor, site, subprocessorChangeLog, subprocessorFieldLabels } from '../data/trust.ts';
import { atomFeed, tagUri, type AtomEntry } from '../../../lib/publish/atom.ts';
import { formatDate } from '../../../lib/time/dates.ts';
import { subprocessorAnchor, subprocessorChangeHeadings as heading, type SubprocessorChange } from '../../../lib/publish/subprocessor-changes.ts';
import { escapeXml as escape } from '../../../lib/publish/xml.ts';

function entry(change: SubprocessorChange): AtomEntry {
  const s = change.subprocessor;
  const details: [string, string][] = [
    [subprocessorFieldLabels.purpose, s.purpose],
    [subprocessorFieldLabels.data, s.data.join('; ')],
    [subprocessorFieldLabels.location, s.location],
    [subprocessorFieldLabels.transferMechanism, s.transferMechanism],
    ['Processing since', formatDate(s.since)],
  ];
  const lead = {
    added: `${s.name} processes customer data on our behalf from ${formatDate(s.since)}.`,
    removed: `${s.name} no longer processes customer data on our behalf.`,
    changed: `What ${s.name} does for us has changed: ${change.fields?.map((f) => subprocessorFieldLabels[f].toLowerCase()).join(', ')}.`,
  }[change.kind];
  const html = `<p>${escape(lead)}</p><dl>${details.map(([k, v]) => `<dt>${escape(k)}</dt><dd>${escape(v)}</dd>`).join('')}</dl>`;
  return {
    id: tagUri(site.trustCenter.url, change.date, `subprocessors/${change.kind}/${subprocessorAnchor(change.name)}`),
    title: `${heading[change.kind]}: ${change.name}`,
    updated: change.date,
    link: absolute(change.kind === 'removed' ? '/subprocessors/#changes' : `/subprocessors/#${subprocessorAnchor(change.name)}`),
    summary: `${lead} ${s.purpose}`,
    contentHtml: html,
    categories: [change.kind],
  };
}

const thisFeed = feed('subprocessors');

export const GET: APIRoute = () =>
  new Response(
    atomFeed({
      id: absolute(thisFeed.href),
      title: thisFeed.title,
      subtitle: `Sub-processors added to or removed from the list of third parties that process ${site.organisation.name} customer data.`,
      selfUrl: absolute(thisFeed.href),
      pageUrl: absolute('/subprocessors/'),
      author: feedAuthor,
      fallbackUpdated: builtAt.toISOString(),
      icon: absolute('/favicon.svg'),
      entries: subprocessorChangeLog.map(entry),
    }),
    { headers: { 'content-type': 'application/atom+xml; charset=utf-8' } },
  );
