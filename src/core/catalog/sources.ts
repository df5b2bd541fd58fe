// The public advisories and research that signals cite (keys from signals.md).
import type { SourceKey } from '../types.ts';

export type SourceDefinition = { title: string; publisher: string; year: number };

export const SOURCES: Record<SourceKey, SourceDefinition> = {
  seed: {
    title:
      "Interview with Okta's regional CSO and summary of the Canadian multi-agency advisory on North Korean IT workers",
    publisher: 'HR News Canada',
    year: 2025,
  },
  'ca-2025': {
    title: 'Advisory on North Korean IT workers',
    publisher: 'RCMP, Public Safety Canada and partner agencies',
    year: 2025,
  },
  'us-2022': {
    title: 'Guidance on the Democratic People’s Republic of Korea Information Technology Workers',
    publisher: 'US Department of State, Department of the Treasury and FBI',
    year: 2022,
  },
  'us-2023': {
    title: 'Public service advisory on DPRK IT workers',
    publisher: 'Republic of Korea and United States governments',
    year: 2023,
  },
  'fbi-2025': {
    title: 'North Korean IT workers: data extortion and mitigations (public service announcements)',
    publisher: 'Federal Bureau of Investigation',
    year: 2025,
  },
  'uk-2024': {
    title: 'North Korean IT workers advisory',
    publisher: 'UK Office of Financial Sanctions Implementation (OFSI)',
    year: 2024,
  },
  research: {
    title: 'Published incident research on DPRK IT-worker operations',
    publisher: 'Mandiant, Microsoft, Google, CrowdStrike, Unit 42, Okta, KnowBe4',
    year: 2025,
  },
};

export const SOURCE_KEYS = Object.keys(SOURCES) as SourceKey[];
