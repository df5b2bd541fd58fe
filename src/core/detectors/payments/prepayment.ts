// payments.prepayment — requests for advances or prepayment; one request is low, repeated ones medium.
import type { Detector } from '../../types.ts';
import { fire, found, notEvaluated, nothing, requireSignal } from '../signal.ts';
import { normalizeText } from '../util.ts';

const def = requireSignal('payments.prepayment');

const PREPAY_LATIN =
  /\b(advances?|prepay\w*|pre-pay\w*|upfront|up-front|up front|paid before (i|we) start|avance|acompte|anticipo|adelanto|pago anticipado|paiement anticipe)\b/;
const PREPAY_OTHER = /(선불|가불|선지급|미리 (지급|송금)|预付|预支|提前支付|提前付款|аванс|предоплат)/;
const PAY =
  /\b(pay|paid|payment|salary|wage|money|cash|fee|avance|salaire|pago|salario|sueldo)\b|(급여|월급|工资|薪水|зарплат|оплат)/;

function asksPrepayment(text: string, needsPayWord: boolean): boolean {
  const t = normalizeText(text);
  return (PREPAY_LATIN.test(t) || PREPAY_OTHER.test(t)) && (!needsPayWord || PAY.test(t));
}

export const prepayment: Detector = {
  signal: def.id,
  detect(bundle) {
    if (!bundle.payments && !bundle.incidents && !bundle.communications) {
      return notEvaluated('no payments, messages or incidents recorded');
    }
    const evidence: string[] = [];
    bundle.payments?.forEach((p, i) => {
      if (p.kind === 'request' && p.text && asksPrepayment(p.text, false)) evidence.push(`payments[${i}]`);
    });
    bundle.incidents?.forEach((x, i) => {
      if (x.kind === 'prepayment_request') evidence.push(`incidents[${i}]`);
    });
    bundle.communications?.forEach((c, i) => {
      if (c.direction !== 'outbound' && c.text && asksPrepayment(c.text, true))
        evidence.push(`communications[${i}]`);
    });
    if (evidence.length === 0) return nothing();
    return found(fire(def, evidence.length >= 2 ? 'medium' : 'low', evidence, { count: evidence.length }));
  },
};
