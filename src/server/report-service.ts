import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { extname, join, resolve, sep } from 'node:path';
import { z } from 'zod';
import { decideAccess, domainMatches, emailDomain, isFreeMail, needsNda } from '../lib/access/access-rules.ts';
import { formatDate } from '../lib/time/dates.ts';
import type { AccessSettings } from '../schemas/access.ts';
import type { Nda, TrustDocument } from '../schemas/trust.ts';
import { CONTROL_CHARACTERS, escapeHtml, headerLine, mailLine } from './html.ts';
import type { MailMessage, Mailer } from './mailer.ts';
import { RateLimiter } from './rate-limit.ts';
import { RequestError, type ReportRequest, type ReportRequestStore, type RequestContext } from './report-requests.ts';
import { signedLink, verifyToken, type TokenCheck, type TokenClaims } from './tokens.ts';
import { wallClock } from '../lib/time/clock.ts';

/** What the request server knows of the content: read at start-up, never from the browser. */
export interface TrustSettings {
  organisation: string;
  /** Public base URL of the trust center, for links in mail. */
  baseUrl: string;
  documents: TrustDocument[];
  access: AccessSettings;
  nda: { meta: Nda; text: string };
  /** Folder holding gated files; never inside public/. */
  documentsDir: string;
}

// A name or company is one line: a line break or other control character in it could forge lines in
// the reviewers' plain-text mail. The reason may have line breaks; mail shows it on one line.
const oneLine = (text: string) => !CONTROL_CHARACTERS.test(text);
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const REASON_CONTROLS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;

export const requestFormSchema = z.object({
  document: z.string().trim().min(1, { error: 'Choose a document.' }).max(100),
  name: z
    .string()
    .trim()
    .min(2, { error: 'Enter your full name.' })
    .max(120, { error: 'Keep your name under 120 characters.' })
    .refine(oneLine, { error: 'Enter your name on one line, without control characters.' }),
  email: z.email({ error: 'Enter a valid work email address.' }).trim().toLowerCase().max(254, { error: 'That email address is too long.' }),
  company: z
    .string()
    .trim()
    .min(2, { error: 'Enter your company.' })
    .max(160, { error: 'Keep the company name under 160 characters.' })
    .refine(oneLine, { error: 'Enter the company on one line, without control characters.' }),
  reason: z
    .string()
    .trim()
    .min(10, { error: 'Tell us briefly why you need the document (at least 10 characters).' })
    .max(2000, { error: 'Keep the reason under 2,000 characters.' })
    .refine((text) => !REASON_CONTROLS.test(text), { error: 'Remove the control characters from the reason.' }),
  // Hidden from people; bots fill it in.
  website: z.string().max(0, { error: 'spam' }).optional().default(''),
});
export type RequestForm = z.infer<typeof requestFormSchema>;

export type SubmitResult =
  | { kind: 'invalid'; errors: Partial<Record<keyof RequestForm | 'form', string>> }
  | { kind: 'rate-limited' }
  /** The NDA link went to the requester's address: only its owner can accept. */
  | { kind: 'check-inbox'; request: ReportRequest }
  | { kind: 'decided'; request: ReportRequest };

export type TokenRefusal = { kind: 'refused'; status: number; title: string; message: string };

/** NDA text and version hashed together: the record proves which words were accepted. */
export function ndaHash(nda: TrustSettings['nda']): string {
  return createHash('sha256').update(`${nda.meta.version}\n${nda.text}`).digest('hex');
}

const refusalFor: Record<Exclude<TokenCheck, { ok: true }>['reason'], TokenRefusal> = {
  malformed: {
    kind: 'refused',
    status: 400,
    title: 'This link is not valid',
    message: 'The link is incomplete or damaged. Copy it again from the email, or request access again.',
  },
  'bad-signature': {
    kind: 'refused',
    status: 403,
    title: 'This link is not valid',
    message: 'The link has been changed or was not issued by us. Use the link from the email exactly as sent.',
  },
  'wrong-purpose': { kind: 'refused', status: 403, title: 'This link is not valid here', message: 'The link is meant for a different action.' },
  expired: {
    kind: 'refused',
    status: 410,
    title: 'This link has expired',
    message: 'Links expire for your protection. Request access again from the trust center.',
  },
};

const DAY = 86_400;

/** The gated-document flow: request, NDA, rules, review, expiring download. Framework-free; endpoints call it. */
export class ReportService {
  private readonly settings: TrustSettings;
  private readonly store: ReportRequestStore;
  private readonly mailer: Mailer;
  private readonly secret: string;
  private readonly clock: () => Date;
  private readonly perIp: RateLimiter;
  private readonly perEmail: RateLimiter;

  private readonly downloadLimit: number;

  constructor(
    settings: TrustSettings,
    store: ReportRequestStore,
    mailer: Mailer,
    secret: string,
    clock: () => Date = wallClock,
    options: { downloadLimit?: number } = {},
  ) {
    this.settings = settings;
    this.store = store;
    this.mailer = mailer;
    this.secret = secret;
    this.clock = clock;
    this.downloadLimit = options.downloadLimit ?? 10;
    // Limits live in the store, shared by every instance.
    this.perIp = new RateLimiter(store.store, 'request-ip', settings.access.rateLimits.perIpPerHour, 60 * 60_000, clock);
    this.perEmail = new RateLimiter(store.store, 'request-email', settings.access.rateLimits.perEmailPerDay, 24 * 60 * 60_000, clock);
  }

  get retentionDays(): number {
    return this.settings.access.retentionDays;
  }

  gatedDocument(id: string): TrustDocument | undefined {
    return this.settings.documents.find((d) => d.id === id && d.access !== 'public');
  }

  async submit(input: Record<string, unknown>, context: RequestContext): Promise<SubmitResult> {
    const parsed = requestFormSchema.safeParse(input);
    if (!parsed.success) {
      const errors: Partial<Record<keyof RequestForm | 'form', string>> = {};
      for (const issue of parsed.error.issues) {
        const field = (issue.path[0] as keyof RequestForm) ?? 'form';
        errors[field === 'website' ? 'form' : field] ??= field === 'website' ? 'Your request could not be accepted.' : issue.message;
      }
      return { kind: 'invalid', errors };
    }
    const form = parsed.data;
    const document = this.gatedDocument(form.document);
    if (!document) return { kind: 'invalid', errors: { document: 'That document is not available on request.' } };
    // The per-email limit is keyed by email and address together: strangers spending a victim's
    // email from their own addresses do not lock the victim out of their own requests.
    if (!(await this.perIp.allow(context.ip)) || !(await this.perEmail.allow(`${form.email} ${context.ip}`))) return { kind: 'rate-limited' };

    const domain = emailDomain(form.email);
    const access = this.settings.access;
    // Every acceptance on record was made from a link mailed to its person, so it proves they own
    // the address; a personal-mail provider's domain is nobody's company and never covered.
    const domainCovered = !isFreeMail(domain, access) && (await this.store.domainAcceptedNda(domain, this.settings.nda.meta.version));
    const mustAcceptNda = needsNda(form.email, access, domainCovered);
    const request = await this.store.create(
      { documentId: document.id, name: form.name, email: form.email, company: form.company, reason: form.reason, domain, status: 'awaiting-nda' },
      context,
      mustAcceptNda ? async (created) => [await this.ndaMail(created, document)] : undefined,
    );
    if (mustAcceptNda) {
      this.mailer.nudge?.();
      return { kind: 'check-inbox', request };
    }
    // An NDA bypass is recorded as one (no NDA version, hash or acceptance time); a domain's
    // earlier acceptance is recorded as covering this request.
    return { kind: 'decided', request: await this.settle(request, context, domainMatches(domain, access.ndaBypass) ? 'bypass' : true) };
  }

  /** The requester opened the mailed NDA link: the request to show the agreement for. Records nothing. */
  async ndaLink(token: string): Promise<{ kind: 'ask'; request: ReportRequest; document?: TrustDocument } | TokenRefusal> {
    const link = await this.requestFor(token, 'nda');
    if ('kind' in link) return link;
    return { kind: 'ask', request: link.request, document: this.gatedDocument(link.request.documentId) };
  }

  async acceptNda(token: string, context: RequestContext): Promise<{ kind: 'decided'; request: ReportRequest } | TokenRefusal> {
    const link = await this.requestFor(token, 'nda');
    if ('kind' in link) return link;
    const { request } = link;
    if (request.status !== 'awaiting-nda') return { kind: 'decided', request };
    return { kind: 'decided', request: await this.settle(request, context) };
  }

  /** The request a signed link acts on, or why the link is refused. Spends nothing. */
  private async requestFor(token: string, purpose: string): Promise<{ request: ReportRequest; claims: TokenClaims } | TokenRefusal> {
    const check = await verifyToken(this.secret, token, purpose, this.clock());
    if (!check.ok) return refusalFor[check.reason];
    const request = await this.store.get(check.claims.subject);
    return request ? { request, claims: check.claims } : refusalFor['bad-signature'];
  }

  /**
   * Records the NDA and applies the rules in one transaction, with the mail the outcome causes
   * (the grant, or the reviewers' links) queued in the outbox: a crash cannot leave a decision
   * without its mail, and SMTP being down delays the mail instead of failing the request.
   */
  private async settle(request: ReportRequest, context: RequestContext, covered: boolean | 'bypass' = false): Promise<ReportRequest> {
    const document = this.gatedDocument(request.documentId)!;
    const decision = decideAccess(request.email, document.access as 'nda' | 'approval', this.settings.access);
    const nda = { version: this.settings.nda.meta.version, hash: ndaHash(this.settings.nda) };
    const settled = await this.store.acceptNda(
      request.id,
      nda,
      context,
      covered,
      decision.outcome === 'approve'
        ? {
            decision: { outcome: 'approved', actor: 'rule', reason: decision.reason, grantDays: document.grantDays },
            mails: (approved) => this.grantMails(approved, document),
          }
        : decision.outcome === 'refuse'
          ? { decision: { outcome: 'refused', actor: 'rule', reason: decision.reason } }
          : { mails: (pending) => this.reviewerMails(pending, document, decision.reason) },
    );
    this.mailer.nudge?.();
    return settled;
  }

  /**
   * A reviewer opened approve or deny from their email: the request to confirm. Opening decides
   * nothing and spends nothing, because mail scanners open links too.
   */
  async reviewLink(token: string, action: 'approve' | 'deny'): Promise<{ kind: 'ask'; request: ReportRequest; document?: TrustDocument } | TokenRefusal> {
    const link = await this.requestFor(token, `review:${action}`);
    if ('kind' in link) return link;
    return { kind: 'ask', request: link.request, document: this.gatedDocument(link.request.documentId) };
  }

  /** A reviewer confirmed approve or deny. The link works once. */
  async review(token: string, action: 'approve' | 'deny'): Promise<{ kind: 'reviewed'; request: ReportRequest } | TokenRefusal> {
    const link = await this.requestFor(token, `review:${action}`);
    if ('kind' in link) return link;
    const { request, claims } = link;
    if (!(await this.store.spendToken(claims.nonce, `review:${action}`))) {
      return {
        kind: 'refused',
        status: 409,
        title: 'This link was already used',
        message: `The request is ${request.status}. Use the CLI (charter requests) to change a decision.`,
      };
    }
    if (request.status !== 'pending')
      return { kind: 'refused', status: 409, title: 'Already decided', message: `Request ${request.id} is already ${request.status}.` };
    const reviewer = claims.reviewer ?? 'reviewer';
    return { kind: 'reviewed', request: await this.decide(request.id, action, `email:${reviewer}`) };
  }

  /** Approve or deny, from a reviewer link or the CLI. */
  async decide(id: string, action: 'approve' | 'deny', actor: string, reason?: string): Promise<ReportRequest> {
    const request = await this.store.get(id);
    if (!request) throw new RequestError(`no request with id ${id}`);
    const document = this.settings.documents.find((d) => d.id === request.documentId);
    if (action === 'deny') return this.store.decide(id, { outcome: 'denied', actor, reason });
    const approved = await this.store.decide(id, { outcome: 'approved', actor, reason, grantDays: document?.grantDays }, (decided) =>
      document ? this.grantMails(decided, document) : [],
    );
    this.mailer.nudge?.();
    return approved;
  }

  /** The watermarked file for a valid, unexpired, unrevoked grant; every download is logged. */
  async download(token: string, context: RequestContext): Promise<{ kind: 'file'; name: string; bytes: Uint8Array; contentType: string } | TokenRefusal> {
    const link = await this.requestFor(token, 'download');
    if ('kind' in link) return link;
    const { request } = link;
    if (request.status === 'revoked')
      return {
        kind: 'refused',
        status: 403,
        title: 'Access was revoked',
        message: 'Your access to this document has been withdrawn. Contact us if you still need it.',
      };
    if (request.status !== 'approved') return { kind: 'refused', status: 403, title: 'Not approved', message: `This request is ${request.status}.` };
    if (!request.expiresAt || request.expiresAt <= this.clock().toISOString()) return refusalFor.expired;
    const document = this.settings.documents.find((d) => d.id === request.documentId);
    if (!document) return { kind: 'refused', status: 404, title: 'Document withdrawn', message: 'This document is no longer offered.' };
    // Counted before the file is read or marked: a link used up costs nothing.
    if (!(await this.store.recordDownload(request.id, context, this.downloadLimit)))
      return {
        kind: 'refused',
        status: 429,
        title: 'This link has been used up',
        message: `A download link works ${this.downloadLimit} times. Request access again from the trust center if you need another copy.`,
      };
    const bytes = await readFile(this.documentPath(document.file));
    const mark = { email: request.email, company: request.company, requestId: request.id, date: this.clock().toISOString().slice(0, 10) };
    const { officeContentTypes, watermarkOffice, watermarkPdf } = await import('./watermark.ts');
    const extension = extname(document.file).slice(1).toLowerCase();
    if (extension === 'pdf') return { kind: 'file', name: document.file, bytes: await watermarkPdf(bytes, mark), contentType: 'application/pdf' };
    if (extension === 'xlsx' || extension === 'docx')
      return { kind: 'file', name: document.file, bytes: watermarkOffice(bytes, extension, mark), contentType: officeContentTypes[extension] };
    // `charter check` refuses gated files it cannot mark; a file that slipped through never goes out unmarked.
    throw new RequestError(`${document.file}: gated files must be PDF, XLSX or DOCX so each copy can be marked`);
  }

  private documentPath(file: string): string {
    const dir = resolve(this.settings.documentsDir);
    const path = resolve(join(dir, file));
    if (!path.startsWith(dir + sep)) throw new RequestError(`document file "${file}" is outside the documents folder`);
    return path;
  }

  private seconds(): number {
    return Math.floor(this.clock().getTime() / 1000);
  }

  private link(path: string, claims: Omit<TokenClaims, 'nonce'>): Promise<string> {
    return signedLink(this.secret, this.settings.baseUrl, path, claims);
  }

  private async reviewerMails(request: ReportRequest, document: TrustDocument, why: string): Promise<MailMessage[]> {
    const mails: MailMessage[] = [];
    const exp = this.seconds() + this.settings.access.reviewLinkDays * DAY;
    for (const reviewer of this.settings.access.reviewers) {
      const approve = await this.link('/request/review/', { purpose: 'review:approve', subject: request.id, exp, reviewer });
      const deny = await this.link('/request/review/', { purpose: 'review:deny', subject: request.id, exp, reviewer });
      const facts: [string, string][] = [
        ['Document', document.title],
        ['Name', request.name],
        ['Email', request.email],
        ['Company', request.company],
        ['Reason', request.reason],
        ['Why it needs review', why],
        ['Request', request.id],
      ];
      mails.push({
        to: reviewer,
        subject: headerLine(`Access request: ${document.title} for ${request.company}`),
        text: `${facts.map(([k, v]) => `${k}: ${mailLine(v)}`).join('\n')}\n\nApprove (grants ${document.grantDays} days): ${approve}&action=approve\nDeny: ${deny}&action=deny\n\nEach link works once and expires in ${this.settings.access.reviewLinkDays} days.\n`,
        html: `<p>${escapeHtml(request.name)} asks for <strong>${escapeHtml(document.title)}</strong>.</p><table>${facts.map(([k, v]) => `<tr><th align="left">${escapeHtml(k)}</th><td>${escapeHtml(v)}</td></tr>`).join('')}</table><p><a href="${escapeHtml(`${approve}&action=approve`)}">Approve for ${document.grantDays} days</a> · <a href="${escapeHtml(`${deny}&action=deny`)}">Deny</a></p><p>Each link works once and expires in ${this.settings.access.reviewLinkDays} days.</p>`,
      });
    }
    return mails;
  }

  private async ndaMail(request: ReportRequest, document: TrustDocument): Promise<MailMessage> {
    const link = await this.link('/request/nda/', { purpose: 'nda', subject: request.id, exp: this.seconds() + DAY });
    return {
      to: request.email,
      subject: headerLine(`Confirm your request for ${document.title}`),
      text: `Hello ${mailLine(request.name)},\n\nTo receive ${document.title} from ${this.settings.organisation}, open this link, read the non-disclosure agreement and accept it:\n${link}\n\nThe link works for 24 hours and is for you alone: it confirms that this address is yours. If you did not ask for the document, ignore this mail.\n`,
      html: `<p>Hello ${escapeHtml(request.name)},</p><p>To receive <strong>${escapeHtml(document.title)}</strong> from ${escapeHtml(this.settings.organisation)}, open this link, read the non-disclosure agreement and accept it:</p><p><a href="${escapeHtml(link)}">Read and accept the NDA</a></p><p>The link works for 24 hours and is for you alone: it confirms that this address is yours. If you did not ask for the document, ignore this mail.</p>`,
    };
  }

  private async grantMails(request: ReportRequest, document: TrustDocument): Promise<MailMessage[]> {
    const expires = new Date(request.expiresAt!);
    const download = await this.link('/request/download/', { purpose: 'download', subject: request.id, exp: Math.floor(expires.getTime() / 1000) });
    const until = formatDate(request.expiresAt!.slice(0, 10));
    return [
      {
        to: request.email,
        subject: headerLine(`Your access to ${document.title}`),
        text: `Hello ${mailLine(request.name)},\n\nYou can download ${document.title} from ${this.settings.organisation} until ${until}:\n${download}\n\nThe copy is marked with your email address and request ${request.id}. Please do not forward it; the link is for you alone.\n`,
        html: `<p>Hello ${escapeHtml(request.name)},</p><p>You can download <strong>${escapeHtml(document.title)}</strong> from ${escapeHtml(this.settings.organisation)} until ${escapeHtml(until)}.</p><p><a href="${escapeHtml(download)}">Download the document</a></p><p>The copy is marked with your email address and request ${escapeHtml(request.id)}. Please do not forward it; the link is for you alone.</p>`,
      },
    ];
  }
}
