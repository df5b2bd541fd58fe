// The candidate's calls, authenticated by the link's token only (no account, no cookie). See
// docs/verification-sessions.md and the issue-6 contracts for the document and keyframe endpoints.
import type { ChallengePlan, LivenessTrace } from '../../../core/liveness/types.ts';
import { API_BASE, api, errorFromResponse } from '../../api/client.ts';

export type ConsentText = {
  version: string;
  organization: string;
  purpose: string;
  captured: string[];
  notCaptured: string[];
  retentionDays: number;
  whoSees: string;
};

export type CandidateView = {
  sessionId: string;
  kind: string;
  status: string;
  expiresAt: string;
  consent: ConsentText;
  consented: boolean;
  plan: ChallengePlan | null;
};

export const DOCUMENT_KINDS = ['passport', 'id_card', 'drivers_license', 'work_permit'] as const;
export type DocumentKind = (typeof DOCUMENT_KINDS)[number];

export type CandidateDocument = {
  fileId: string;
  kind: string;
  status: 'analyzing' | 'done' | 'failed';
  mrzFound: boolean | null;
  faceFound: boolean | null;
  message: string | null;
};

const base = (token: string) => `/verify/${encodeURIComponent(token)}`;

export function openLink(token: string): Promise<CandidateView> {
  return api<CandidateView>(base(token));
}

export function giveConsent(token: string, textVersion: string): Promise<unknown> {
  return api(`${base(token)}/consent`, { method: 'POST', body: { textVersion } });
}

export function declineLink(token: string): Promise<unknown> {
  return api(`${base(token)}/decline`, { method: 'POST' });
}

export function fetchPlan(token: string): Promise<{ plan: ChallengePlan }> {
  return api<{ plan: ChallengePlan }>(`${base(token)}/challenge`, { method: 'POST' });
}

export function submitTrace(token: string, trace: LivenessTrace): Promise<unknown> {
  return api(`${base(token)}/trace`, { method: 'POST', body: trace });
}

async function postRaw<T>(path: string, body: Blob): Promise<T> {
  const res = await fetch(`${API_BASE}${path}`, {
    method: 'POST',
    headers: { 'Content-Type': body.type || 'application/octet-stream', Accept: 'application/json' },
    body,
    credentials: 'omit',
  });
  if (!res.ok) throw await errorFromResponse(res);
  return (await res.json()) as T;
}

/** Uploads the ID photo as it is (the server checks the type and size). */
export function uploadDocument(
  token: string,
  kind: DocumentKind,
  file: Blob,
  name: string,
): Promise<{ fileId: string; status: string }> {
  const q = new URLSearchParams({ kind, name: name.slice(0, 200) || 'id-photo.jpg' });
  return postRaw(`${base(token)}/document?${q}`, file);
}

export function documentStatus(token: string): Promise<{ documents: CandidateDocument[] }> {
  return api<{ documents: CandidateDocument[] }>(`${base(token)}/document`);
}

/** A keyframe (JPEG) at `t` ms since the trace started, during step `stepId`. */
export function uploadKeyframe(token: string, t: number, stepId: string, jpeg: Blob): Promise<unknown> {
  const q = new URLSearchParams({ t: String(Math.max(0, Math.round(t))), step: stepId });
  return postRaw(`${base(token)}/keyframes?${q}`, jpeg);
}
