// Where the face models and the tfjs wasm binaries live on disk: inside the installed npm packages
// (`@vladmandic/human/models`, `@tensorflow/tfjs-backend-wasm/dist`). Node loads them from here and the
// server hands the same files to the browser, so nothing is ever fetched from a CDN.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

const require = createRequire(import.meta.url);

/** The Node build of Human that uses the wasm backend (no native tfjs-node binary); the package's exports
 * map does not list it, so it is found beside the main Node entry (`dist/human.node.js`). */
export const HUMAN_NODE_WASM_ENTRY = path.join(
  path.dirname(require.resolve('@vladmandic/human')),
  'human.node-wasm.js',
);

/** The package's root (its package.json is not exported, so found from the entry in dist/). */
const HUMAN_DIR = path.resolve(path.dirname(HUMAN_NODE_WASM_ENTRY), '..');

/** The `models/` folder of @vladmandic/human: `<name>.json` (graph) + `<name>.bin` (weights) per model. */
export const HUMAN_MODELS_DIR = path.join(HUMAN_DIR, 'models');

/** The tfjs wasm backend's binaries (`tfjs-backend-wasm.wasm`, `-simd.wasm`, `-threaded-simd.wasm`). */
export const TFJS_WASM_DIR = path.join(
  path.dirname(require.resolve('@tensorflow/tfjs-backend-wasm/package.json')),
  'dist',
);

/** The installed Human version, for reports and the bench. */
export const HUMAN_VERSION: string = (
  JSON.parse(readFileSync(path.join(HUMAN_DIR, 'package.json'), 'utf8')) as { version: string }
).version;
