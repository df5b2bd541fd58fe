// The package version, read once from package.json (shown by /health and the OpenAPI document).
import { readFileSync } from 'node:fs';

function readVersion(): string {
  try {
    const raw: unknown = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8'));
    if (raw !== null && typeof raw === 'object' && 'version' in raw && typeof raw.version === 'string')
      return raw.version;
  } catch {
    // fall through
  }
  return '0.0.0';
}

export const VERSION = readVersion();
