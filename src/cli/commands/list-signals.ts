// `gatecheck signals [--json]`: the full signal catalog.
import { SIGNALS } from '../../core/catalog/signals.ts';
import { paint, severityLabel } from '../output.ts';

export function listSignals(options: { json?: boolean }): number {
  if (options.json === true) {
    process.stdout.write(`${JSON.stringify(SIGNALS, null, 2)}\n`);
    return 0;
  }
  let family = '';
  const out: string[] = [];
  for (const signal of SIGNALS) {
    if (signal.family !== family) {
      family = signal.family;
      out.push('', paint('bold', family));
    }
    const range =
      signal.maxSeverity === signal.defaultSeverity ? '' : paint('grey', ` (up to ${signal.maxSeverity})`);
    out.push(`  ${severityLabel(signal.defaultSeverity)} ${signal.id}${range}`);
    out.push(`           ${signal.firesWhen}  ${paint('grey', `[${signal.sources.join(', ')}]`)}`);
  }
  process.stdout.write(`${out.join('\n').trimStart()}\n`);
  return 0;
}
