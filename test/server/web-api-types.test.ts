import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { renderWebApiTypes, WEB_API_TYPES_PATH } from '../../scripts/gen-web-api-types.ts';

describe('src/web/api/schema.gen.ts', () => {
  it("matches the server's OpenAPI document", async () => {
    const committed = readFileSync(WEB_API_TYPES_PATH, 'utf8');
    const fresh = await renderWebApiTypes();
    expect(fresh).toContain('export interface components');
    if (fresh !== committed) {
      expect.fail(
        "src/web/api/schema.gen.ts is out of date with the server's route schemas: run npm run gen:api-types",
      );
    }
  });
});
