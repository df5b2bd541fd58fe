// Builds the web UI when its output is missing or older than its sources, so `npm start`
// works on a fresh clone with no separate build step to remember.
import { existsSync } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const WEB_DIST = path.join(root, 'dist/web');
const WEB_INPUTS = [path.join(root, 'src/web'), path.join(root, 'src/core')];

async function newestMtime(dir: string): Promise<number> {
  let newest = 0;
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, await newestMtime(full));
    else if (entry.isFile() && !entry.name.endsWith('.test.ts'))
      newest = Math.max(newest, (await stat(full)).mtimeMs);
  }
  return newest;
}

export async function webBuildIsStale(): Promise<boolean> {
  const index = path.join(WEB_DIST, 'index.html');
  if (!existsSync(index)) return true;
  const built = (await stat(index)).mtimeMs;
  for (const dir of WEB_INPUTS) if (existsSync(dir) && (await newestMtime(dir)) > built) return true;
  return false;
}

export async function ensureWebBuild(log: (message: string) => void): Promise<void> {
  if (!(await webBuildIsStale())) return;
  log('Building the web UI (first start or sources changed; takes a few seconds)...');
  const { build } = await import('vite');
  await build({ configFile: path.join(root, 'src/web/vite.config.ts'), logLevel: 'warn' });
  log('Web UI built.');
}
