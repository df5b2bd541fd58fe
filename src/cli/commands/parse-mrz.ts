// `gatecheck mrz <line> <line> [<line>] [--json]`: parse and check an ICAO 9303 machine-readable zone.
// Exit 0 valid, 1 invalid or not checkable; usage errors (no lines) are 2, from main.ts.
import { formatMrzResult, mrzLines, parseMrz } from '../../intel/documents/mrz.ts';
import { UsageError } from '../read-bundles.ts';

export function parseMrzCommand(lines: string[], options: { json?: boolean }): number {
  const count = mrzLines(lines).length;
  if (count < 1 || count > 3) throw new UsageError(`an MRZ has 1 to 3 lines, got ${count}`);
  const result = parseMrz(lines);
  process.stdout.write(
    options.json === true ? `${JSON.stringify(result, null, 2)}\n` : formatMrzResult(result),
  );
  return result.valid ? 0 : 1;
}
