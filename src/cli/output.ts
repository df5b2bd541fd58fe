// Terminal output helpers: plain text that reads well with or without colour.
import type { Band, Severity } from '../core/types.ts';

const useColour = process.stdout.isTTY === true && process.env.NO_COLOR === undefined;

const CODES = { red: 31, yellow: 33, green: 32, magenta: 35, grey: 90, bold: 1 } as const;
type Colour = keyof typeof CODES;

export function paint(colour: Colour, text: string): string {
  return useColour ? `\u001b[${CODES[colour]}m${text}\u001b[0m` : text;
}

const BAND_COLOUR: Record<Band, Colour> = {
  low: 'green',
  elevated: 'yellow',
  high: 'magenta',
  critical: 'red',
};
const SEVERITY_COLOUR: Record<Severity, Colour> = {
  low: 'grey',
  medium: 'yellow',
  high: 'magenta',
  critical: 'red',
};

export function bandLabel(band: Band): string {
  return paint(BAND_COLOUR[band], band.toUpperCase());
}

export function severityLabel(severity: Severity): string {
  return paint(SEVERITY_COLOUR[severity], severity.padEnd(8));
}

/** Writes one line to stderr; the only place CLI diagnostics go, so --json stdout stays clean. */
export function warn(message: string): void {
  process.stderr.write(`${message}\n`);
}
