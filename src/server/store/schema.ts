import type { Generated } from 'kysely';

/** The tables both stores hold. Times are ISO 8601 text in both dialects, so they compare the same way. */
export interface Schema {
  schema_migrations: { id: string; applied_at: string };
  audit_log: { seq: number; at: string; kind: string; subject: string; actor: string; data: string; prev_hash: string; hash: string };
  report_requests: {
    id: string;
    document_id: string;
    name: string;
    email: string;
    company: string;
    reason: string;
    domain: string;
    status: string;
    created_at: string;
    ip: string;
    user_agent: string;
    nda_version: string | null;
    nda_hash: string | null;
    nda_accepted_at: string | null;
    decided_at: string | null;
    decided_by: string | null;
    decision_reason: string | null;
    expires_at: string | null;
    anonymised_at: string | null;
  };
  nda_acceptances: {
    id: Generated<number>;
    request_id: string;
    domain: string;
    nda_version: string;
    nda_hash: string;
    accepted_at: string;
    ip: string;
    user_agent: string;
  };
  spent_tokens: { nonce: string; purpose: string; spent_at: string };
  acknowledgements: { id: Generated<number>; person: string; policy_id: string; version: string; content_hash: string; at: string };
  acknowledgement_reminders: { person: string; day: string; sent_at: string };
  subscribers: { id: string; email: string; topics: string; created_at: string; confirmed_at: string | null; unsubscribed_at: string | null };
  subscription_deliveries: { subscriber_id: string; item: string; sent_at: string };
  mail_outbox: {
    id: string;
    created_at: string;
    recipient: string;
    subject: string;
    text: string;
    html: string | null;
    headers: string;
    status: string;
    attempts: number;
    next_attempt_at: string;
    claimed_by: string | null;
    claimed_until: string | null;
    sent_at: string | null;
    last_error: string | null;
  };
  rate_limit_hits: { id: Generated<number>; key: string; at: string };
}
