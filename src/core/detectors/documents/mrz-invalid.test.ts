import { describe, expect, it } from 'vitest';
import { type Expectation, firstSignal, runDetector, summarize } from '../../../../test/factories.ts';
import { mrzInvalid } from './mrz-invalid.ts';

// Published specimens (see /work/shared/datasets/mrz/SOURCE.md).
const FIN_ID = [
  'I<FINXA10000585010195<112X<<<<',
  '9501016F2803135FIN<<<<<<<<<<<7',
  'SPECIMEN<TRAVEL<<VILMA<SOFIA<<',
];
const BEL_WRONG_DOC_DIGIT = [
  'IDBEL000590240<6016<<<<<<<<<<<',
  '8512017F1311048BEL851201002007',
  'REINARTZ<<ULRIKE<KATIA<E<<<<<<',
];
const UTO_PASSPORT = [
  'P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<',
  'L898902C36UTO7408122F1204159ZE184226B<<<<<10',
];
const VISA = ['VNUSATRAVELER<<HAPPY<<<<<<<<<<<<<<<<<<<<<<<<', '1234567897CAN6612120M1407282B3XLC000FD142955'];

const doc = (mrz: string[] | undefined, kind: 'passport' | 'national_id' = 'national_id') => ({ kind, mrz });

const cases: [string, Parameters<typeof runDetector>[1], Expectation][] = [
  ['no documents: not evaluated', {}, 'not_evaluated'],
  ['a document without MRZ: not evaluated', { documents: [doc(undefined)] }, 'not_evaluated'],
  ['a valid visa: nothing', { documents: [doc(VISA)] }, 'none'],
  [
    'a visa with a wrong birth-date check digit: critical',
    { documents: [doc([VISA[0]!, VISA[1]!.replace('6612120', '6612129')])] },
    'critical',
  ],
  ['a valid PRADO specimen: nothing', { documents: [doc(FIN_ID)] }, 'none'],
  ['a wrong document-number check digit: critical', { documents: [doc(BEL_WRONG_DOC_DIGIT)] }, 'critical'],
  [
    'an ICAO specimen (UTO) presented as ID: critical',
    { documents: [doc(UTO_PASSPORT, 'passport')] },
    'critical',
  ],
  ['garbage lines: critical', { documents: [doc(['HELLO', 'WORLD'])] }, 'critical'],
];

describe('documents.mrz-invalid', () => {
  it.each(cases)('%s', (_name, bundle, expected) => {
    expect(summarize(runDetector(mrzInvalid, bundle))).toBe(expected);
  });

  it('names the field and the digit', () => {
    const s = firstSignal(runDetector(mrzInvalid, { documents: [doc(FIN_ID), doc(BEL_WRONG_DOC_DIGIT)] }));
    expect(s.evidence).toEqual(['documents[1].mrz']);
    expect(s.explanation).toBe(
      'The machine-readable lines of the national id are not valid: Document number check digit is 6, should be 1; Composite check digit is 7, should be 6.',
    );
  });

  it('says a UTO document is a specimen', () => {
    const s = firstSignal(runDetector(mrzInvalid, { documents: [doc(UTO_PASSPORT, 'passport')] }));
    expect(s.explanation).toContain('UTO (Utopia) is the ICAO specimen code, not a country');
    expect(s.explanation).toContain('The machine-readable lines of the passport are not valid');
  });
});
