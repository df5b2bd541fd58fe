// Every signal id of the catalog has exactly one detector here. Ids whose detectors are not built yet
// report "not evaluated" (never "passed"), so their checks show up as gaps to fill by hand.
import { SIGNALS } from '../catalog/signals.ts';
import type { Detector } from '../types.ts';
import { lowRate } from './application/low-rate.ts';
import { vendorOnlyVetting } from './application/vendor-only-vetting.ts';
import { anachronism } from './consistency/anachronism.ts';
import { contactChange } from './consistency/contact-change.ts';
import { education } from './consistency/education.ts';
import { employment } from './consistency/employment.ts';
import { identity } from './consistency/identity.ts';
import { location } from './consistency/location.ts';
import { disposableEmail } from './contact/disposable-email.ts';
import { newProfile } from './contact/new-profile.ts';
import { voipPhone } from './contact/voip-phone.ts';
import { documentsEdited } from './documents/edited.ts';
import { documentsExpired } from './documents/expired.ts';
import { mrzInvalid } from './documents/mrz-invalid.ts';
import { mrzMismatch } from './documents/mrz-mismatch.ts';
import { documentsOverdue } from './documents/overdue.ts';
import { exfiltration } from './employment/exfiltration.ts';
import { extortion } from './employment/extortion.ts';
import { identityOwnerDispute } from './employment/identity-owner-dispute.ts';
import { identitySwitch } from './employment/identity-switch.ts';
import { cameraRefusal } from './interview/camera-refusal.ts';
import { environment } from './interview/environment.ts';
import { inPersonAvoidance } from './interview/in-person-avoidance.ts';
import { locationKnowledge } from './interview/location-knowledge.ts';
import { occlusionArtifact } from './interview/occlusion-artifact.ts';
import { offHoursAvailability } from './interview/off-hours-availability.ts';
import { personChanged } from './interview/person-changed.ts';
import { repeatedExcuse } from './interview/repeated-excuse.ts';
import { scriptedAnswers } from './interview/scripted-answers.ts';
import { textOnlyPreference } from './interview/text-only-preference.ts';
import { duplicateResume } from './links/duplicate-resume.ts';
import { knownIndicator } from './links/known-indicator.ts';
import { referralChain } from './links/referral-chain.ts';
import { reusedPhoto } from './links/reused-photo.ts';
import { sharedIdentifier } from './links/shared-identifier.ts';
import { challengeFailed } from './liveness/challenge-failed.ts';
import { livenessDeclined } from './liveness/declined.ts';
import { faceMismatch } from './liveness/face-mismatch.ts';
import { identityInstability } from './liveness/identity-instability.ts';
import { occlusionAnomaly } from './liveness/occlusion-anomaly.ts';
import { profileAnomaly } from './liveness/profile-anomaly.ts';
import { livenessSpoof } from './liveness/spoof.ts';
import { virtualCamera } from './liveness/virtual-camera.ts';
import { addressMismatch } from './logistics/address-mismatch.ts';
import { sharedAddress } from './logistics/shared-address.ts';
import { shippingChange } from './logistics/shipping-change.ts';
import { alwaysOn } from './network/always-on.ts';
import { anonymizer } from './network/anonymizer.ts';
import { highRiskCountry } from './network/high-risk-country.ts';
import { impossibleTravel } from './network/impossible-travel.ts';
import { inputLatency } from './network/input-latency.ts';
import { locationMismatch } from './network/location-mismatch.ts';
import { multiCountry } from './network/multi-country.ts';
import { remoteAccess } from './network/remote-access.ts';
import { sharedEgress } from './network/shared-egress.ts';
import { byodRequest } from './onboarding/byod-request.ts';
import { inPersonOverdue } from './onboarding/in-person-overdue.ts';
import { bankChange } from './payments/bank-change.ts';
import { cryptoRequest } from './payments/crypto-request.ts';
import { foreignAccount } from './payments/foreign-account.ts';
import { platformTransfers } from './payments/platform-transfers.ts';
import { prepayment } from './payments/prepayment.ts';
import { sanctionedWallet } from './payments/sanctioned-wallet.ts';
import { referencesContradicts } from './references/contradicts.ts';
import { referencesSharedContact } from './references/shared-contact.ts';
import { referencesUnverifiable } from './references/unverifiable.ts';
import { referencesWebmail } from './references/webmail.ts';
import { entityMatch } from './sanctions/entity-match.ts';
import { nameMatch } from './sanctions/name-match.ts';

export const NOT_AVAILABLE_REASON = 'not available yet in this version';

/** The detectors built so far. */
export const IMPLEMENTED: readonly Detector[] = [
  cameraRefusal,
  textOnlyPreference,
  repeatedExcuse,
  occlusionArtifact,
  offHoursAvailability,
  scriptedAnswers,
  environment,
  locationKnowledge,
  personChanged,
  inPersonAvoidance,
  documentsOverdue,
  documentsExpired,
  mrzInvalid,
  mrzMismatch,
  documentsEdited,
  lowRate,
  vendorOnlyVetting,
  contactChange,
  identity,
  employment,
  education,
  cryptoRequest,
  bankChange,
  prepayment,
  shippingChange,
  foreignAccount,
  platformTransfers,
  addressMismatch,
  inPersonOverdue,
  byodRequest,
  identityOwnerDispute,
  exfiltration,
  identitySwitch,
  extortion,
  nameMatch,
  entityMatch,
  sanctionedWallet,
  location,
  multiCountry,
  impossibleTravel,
  locationMismatch,
  anonymizer,
  highRiskCountry,
  remoteAccess,
  sharedEgress,
  sharedIdentifier,
  sharedAddress,
  referralChain,
  alwaysOn,
  inputLatency,
  voipPhone,
  disposableEmail,
  newProfile,
  referencesUnverifiable,
  referencesContradicts,
  referencesWebmail,
  referencesSharedContact,
  anachronism,
  livenessDeclined,
  challengeFailed,
  occlusionAnomaly,
  profileAnomaly,
  virtualCamera,
  livenessSpoof,
  identityInstability,
  faceMismatch,
  duplicateResume,
  reusedPhoto,
  knownIndicator,
];

/** A placeholder for a signal whose detector is not built yet: always "not evaluated". */
export function notAvailable(signal: string): Detector {
  const outcome = { status: 'not_evaluated', reason: NOT_AVAILABLE_REASON } as const;
  return { signal, detect: () => outcome };
}

const byId = new Map(IMPLEMENTED.map((d) => [d.signal, d]));

/** One detector per catalog id, in catalog order. */
export const DETECTORS: readonly Detector[] = SIGNALS.map((s) => byId.get(s.id) ?? notAvailable(s.id));

export function isImplemented(signal: string): boolean {
  return byId.has(signal);
}
