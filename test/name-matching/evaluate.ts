// `npx tsx test/name-matching/evaluate.ts`: precision/recall per source next to the baseline, and the
// false-positive screen of common names.

import { NAME_MATCH_THRESHOLD } from '../../src/intel/sanctions/matching/score.ts';
import { evaluateFalsePositives, evaluateSources } from './evaluate-lib.ts';

const rows = evaluateSources();
console.log(
  `Name matching quality (ours at threshold ${NAME_MATCH_THRESHOLD}; ours* = ours at its best-F1 threshold per source; baseline = fuzzball token_set_ratio at its best-F1 threshold per source)`,
);
console.table(
  rows.map((r) => ({
    source: r.source,
    pairs: r.pairs,
    positives: r.positives,
    'ours P': r.ours.precision,
    'ours R': r.ours.recall,
    'ours F1': r.ours.f1,
    'ours* thr': r.oursBest.threshold,
    'ours* F1': r.oursBest.f1,
    'base thr': r.baseline.threshold,
    'base P': r.baseline.precision,
    'base R': r.baseline.recall,
    'base F1': r.baseline.f1,
  })),
);
console.log(
  'False positives: common names from 10 cultures screened with a seeded DOB and their nationality',
);
const fp = evaluateFalsePositives();
console.table(fp.map(({ examples, ...rest }) => rest));
for (const r of fp) for (const e of r.examples) console.log(`  ${r.list}: ${e}`);
