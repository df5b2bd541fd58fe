#!/usr/bin/env node
// Entry point for `gatecheck` / `npx gatecheck`: runs the TypeScript CLI through tsx,
// so there is no build step a user must remember.
import { register } from 'tsx/esm/api';

register();
await import('../src/cli/main.ts');
