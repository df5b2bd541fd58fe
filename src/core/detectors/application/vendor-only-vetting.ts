// application.vendor-only-vetting — came through a staffing vendor and nothing shows the company
// checked the identity itself (no identity document received, no camera-on or in-person meeting,
// no completed verification, no in-person check at onboarding).
import type { CaseBundle } from '../../bundle/schema.ts';
import type { Detector } from '../../types.ts';
import { fire, found, notEvaluated, nothing, requireSignal } from '../signal.ts';

const def = requireSignal('application.vendor-only-vetting');
const IDENTITY_KINDS = new Set(['passport', 'national_id', 'drivers_license', 'work_permit']);

export function hasOwnIdentityEvidence(bundle: CaseBundle): boolean {
  if (bundle.onboarding?.inPersonVerifiedAt) return true;
  if (bundle.documents?.some((d) => d.receivedAt && (d.kind === undefined || IDENTITY_KINDS.has(d.kind))))
    return true;
  if (bundle.verifications?.some((v) => v.status === 'completed' || v.status === 'passed')) return true;
  return (
    bundle.interviews?.some(
      (iv) =>
        (iv.status === undefined || iv.status === 'held') &&
        (iv.actualMode === 'in_person' || (iv.actualMode === 'video' && iv.cameraOn === true)),
    ) ?? false
  );
}

export const vendorOnlyVetting: Detector = {
  signal: def.id,
  detect(bundle) {
    const source = bundle.application?.source;
    if (!source || (source.channel === undefined && source.vendor == null)) {
      return notEvaluated('how the candidate arrived is not recorded');
    }
    if (source.channel !== 'vendor' && !source.vendor) return nothing();
    if (hasOwnIdentityEvidence(bundle)) return nothing();
    return found(
      fire(
        def,
        'low',
        ['application.source'],
        { vendor: source.vendor ?? null },
        { vendor: source.vendor ?? 'not named' },
      ),
    );
  },
};
