import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DomainError } from '../core/errors.ts';
import { loadConfig } from './config.ts';

describe('loadConfig', () => {
  it('works with zero configuration (SQLite under ./data)', () => {
    const config = loadConfig({}, '/srv/gc');
    expect(config).toMatchObject({
      dataDir: path.resolve('/srv/gc', 'data'),
      databaseUrl: undefined,
      port: 8080,
      host: '0.0.0.0',
      publicUrl: 'http://localhost:8080',
      secureCookies: false,
      maxBundleBytes: 10 * 1024 * 1024,
      logLevel: 'info',
      sessionTtlHours: 12,
      worker: 'in-process',
      login: { maxFailures: 5, windowMinutes: 15 },
    });
  });

  it('reads every variable and treats empty ones as unset', () => {
    const config = loadConfig({
      DATABASE_URL: 'postgres://u:p@db:5432/gc',
      PORT: '9000',
      GATECHECK_PUBLIC_URL: 'https://gc.example.com/',
      GATECHECK_WORKER: 'off',
      GATECHECK_LOG_LEVEL: '',
    });
    expect(config.databaseUrl).toBe('postgres://u:p@db:5432/gc');
    expect(config.port).toBe(9000);
    expect(config.publicUrl).toBe('https://gc.example.com');
    expect(config.secureCookies).toBe(true);
    expect(config.worker).toBe('off');
    expect(config.logLevel).toBe('info');
  });

  it('reports every problem at once', () => {
    try {
      loadConfig({
        PORT: 'eighty',
        DATABASE_URL: 'mysql://x',
        GATECHECK_WORKER: 'maybe',
        GATECHECK_SESSION_TTL_HOURS: '-1',
      });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(DomainError);
      const problems = (error as DomainError).problems ?? [];
      expect(problems.map((p) => p.path).sort()).toEqual([
        'DATABASE_URL',
        'GATECHECK_SESSION_TTL_HOURS',
        'GATECHECK_WORKER',
        'PORT',
      ]);
      expect((error as DomainError).message).toContain('PORT');
    }
  });

  it('reads the document storage settings, with defaults', () => {
    const defaults = loadConfig({}, '/srv/gc');
    expect(defaults.storageKey).toBeUndefined();
    expect(defaults.documents).toEqual({
      retentionDays: 365,
      maxBytes: 25 * 1024 * 1024,
      maxPixels: 40_000_000,
    });
    const hex = 'a1'.repeat(32);
    const base64 = Buffer.alloc(32, 7).toString('base64');
    expect(loadConfig({ GATECHECK_STORAGE_KEY: hex }).storageKey).toBe(hex);
    expect(loadConfig({ GATECHECK_STORAGE_KEY: ` ${base64}\n` }).storageKey).toBe(base64);
    const set = loadConfig({
      GATECHECK_DOCUMENT_RETENTION_DAYS: '30',
      GATECHECK_MAX_DOCUMENT_BYTES: '1000',
      GATECHECK_MAX_DOCUMENT_PIXELS: '5000',
    });
    expect(set.documents).toEqual({ retentionDays: 30, maxBytes: 1000, maxPixels: 5000 });
  });

  it('refuses a storage key that is not 32 bytes, without echoing it', () => {
    for (const bad of ['hunter2', 'a1'.repeat(31), Buffer.alloc(16, 1).toString('base64')]) {
      try {
        loadConfig({ GATECHECK_STORAGE_KEY: bad, GATECHECK_DOCUMENT_RETENTION_DAYS: '0' });
        expect.unreachable();
      } catch (error) {
        const e = error as DomainError;
        expect(e.problems?.map((p) => p.path).sort()).toEqual([
          'GATECHECK_DOCUMENT_RETENTION_DAYS',
          'GATECHECK_STORAGE_KEY',
        ]);
        expect(e.message).toContain('32 random bytes as base64 (44 characters) or hex (64 characters)');
        expect(e.message).not.toContain(bad);
      }
    }
  });

  it('reads GATECHECK_TRUSTED_PROXIES (empty trusts nobody) and names every bad entry', () => {
    expect(loadConfig({}).trustedProxies).toEqual([]);
    expect(
      loadConfig({ GATECHECK_TRUSTED_PROXIES: ' 10.0.0.0/8, 192.0.2.7 ,,fd00::/8' }).trustedProxies,
    ).toEqual(['10.0.0.0/8', '192.0.2.7', 'fd00::/8']);
    let error: unknown;
    try {
      loadConfig({ GATECHECK_TRUSTED_PROXIES: '10.0.0.0/8, proxy.local, 192.0.2.0/40' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(DomainError);
    expect((error as DomainError).message).toContain(
      'GATECHECK_TRUSTED_PROXIES: "proxy.local" is not an IP address or CIDR range (such as 10.0.0.0/8 or 192.0.2.7)',
    );
    expect((error as DomainError).message).toContain(
      'GATECHECK_TRUSTED_PROXIES: "192.0.2.0/40": the prefix length after / must be 0–32',
    );
  });

  it('reads GATECHECK_INDICATOR_SALT (several separated by commas), refusing short ones without echoing them', () => {
    expect(loadConfig({}).indicators.salts).toEqual([]);
    expect(
      loadConfig({ GATECHECK_INDICATOR_SALT: ' shared-with-acme-2026 , second-group-salt-value,' }).indicators
        .salts,
    ).toEqual(['shared-with-acme-2026', 'second-group-salt-value']);
    try {
      loadConfig({ GATECHECK_INDICATOR_SALT: 'shared-with-acme-2026,hunter2' });
      expect.unreachable();
    } catch (error) {
      expect((error as DomainError).message).toContain('GATECHECK_INDICATOR_SALT: each salt');
      expect((error as DomainError).message).not.toContain('hunter2');
    }
  });
});
