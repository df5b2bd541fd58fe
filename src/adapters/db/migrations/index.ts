// Static migration list: an object import, not a folder scan, so it works under tsx and in bundles.
// Add new migrations here with a date-prefixed name; never edit an old one.
import type { Migration, MigrationProvider } from 'kysely';
import * as m20261125Initial from './20261125_initial.ts';
import * as m20261126Sanctions from './20261126_sanctions.ts';
import * as m20261127IpLists from './20261127_ip_lists.ts';
import * as m20261128Logins from './20261128_logins.ts';
import * as m20261129LoginReassess from './20261129_login_reassess.ts';
import * as m20261130LoginImportSkipped from './20261130_login_import_skipped.ts';
import * as m20261201DocumentFiles from './20261201_document_files.ts';
import * as m20261202VerificationSessions from './20261202_verification_sessions.ts';
import * as m20261203VerificationKeyframes from './20261203_verification_keyframes.ts';
import * as m20261204InterviewRecordings from './20261204_interview_recordings.ts';
import * as m20261205ThreatIndicators from './20261205_threat_indicators.ts';
import * as m20261206ChangeEvents from './20261206_change_events.ts';
import * as m20261207Alerts from './20261207_alerts.ts';
import * as m20261208CaseChecklists from './20261208_case_checklists.ts';
import * as m20261209CaseSnapshots from './20261209_case_snapshots.ts';
import * as m20261210Privacy from './20261210_privacy.ts';

export const MIGRATIONS: Readonly<Record<string, Migration>> = {
  '20261125_initial': m20261125Initial,
  '20261126_sanctions': m20261126Sanctions,
  '20261127_ip_lists': m20261127IpLists,
  '20261128_logins': m20261128Logins,
  '20261129_login_reassess': m20261129LoginReassess,
  '20261130_login_import_skipped': m20261130LoginImportSkipped,
  '20261201_document_files': m20261201DocumentFiles,
  '20261202_verification_sessions': m20261202VerificationSessions,
  '20261203_verification_keyframes': m20261203VerificationKeyframes,
  '20261204_interview_recordings': m20261204InterviewRecordings,
  '20261205_threat_indicators': m20261205ThreatIndicators,
  '20261206_change_events': m20261206ChangeEvents,
  '20261207_alerts': m20261207Alerts,
  '20261208_case_checklists': m20261208CaseChecklists,
  '20261209_case_snapshots': m20261209CaseSnapshots,
  '20261210_privacy': m20261210Privacy,
};

export const migrationProvider: MigrationProvider = {
  getMigrations: async () => ({ ...MIGRATIONS }),
};
