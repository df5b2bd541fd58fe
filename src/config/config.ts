// Configuration: one zod schema over the environment, parsed once at start; every problem reported at once.
import path from 'node:path';
import { z } from 'zod';
import { DomainError } from '../core/errors.ts';
import { splitTrustedProxies, trustedProxyProblem } from './trusted-proxies.ts';

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/** `in-process`: this process runs jobs (SQLite: the only option that runs them; PostgreSQL: one of N workers). */
export const WORKER_MODES = ['in-process', 'off'] as const;
export type WorkerMode = (typeof WORKER_MODES)[number];

/** Unset and empty variables are the same thing (Docker and systemd often pass `VAR=`). */
const optionalText = z.preprocess(
  (v) => (typeof v === 'string' && v.trim() === '' ? undefined : v),
  z.string().optional(),
);

function withDefault<T extends z.ZodType>(schema: T, fallback: string) {
  return z.preprocess(
    (v) => (v === undefined || (typeof v === 'string' && v.trim() === '') ? fallback : v),
    schema,
  );
}

const positiveInt = (what: string) =>
  z.coerce
    .number({ error: `expected ${what}, a whole number` })
    .int({ error: `expected ${what}, a whole number` })
    .positive({ error: `expected ${what} greater than zero` });

/** 64 hex characters, or 32 bytes as base64 / base64url (43 characters and optional padding). */
const STORAGE_KEY_PATTERN = /^(?:[0-9a-fA-F]{64}|[A-Za-z0-9+/]{43}=?|[A-Za-z0-9_-]{43})$/;

const envSchema = z.object({
  GATECHECK_DATA_DIR: withDefault(z.string(), './data'),
  DATABASE_URL: optionalText.refine((v) => v === undefined || /^postgres(ql)?:\/\//.test(v), {
    error: 'expected a PostgreSQL URL (postgres://user:password@host:5432/database); leave unset for SQLite',
  }),
  PORT: withDefault(positiveInt('a TCP port').max(65535, { error: 'expected a TCP port (1-65535)' }), '8080'),
  HOST: withDefault(z.string(), '0.0.0.0'),
  GATECHECK_PUBLIC_URL: optionalText.refine((v) => v === undefined || /^https?:\/\/[^\s/]+/.test(v), {
    error: 'expected an http(s) URL such as https://gatecheck.example.com',
  }),
  GATECHECK_MAX_BUNDLE_BYTES: withDefault(positiveInt('a size in bytes'), String(10 * 1024 * 1024)),
  GATECHECK_LOG_LEVEL: withDefault(
    z.enum(LOG_LEVELS, { error: `expected one of ${LOG_LEVELS.join(', ')}` }),
    'info',
  ),
  GATECHECK_SESSION_TTL_HOURS: withDefault(positiveInt('a number of hours'), '12'),
  GATECHECK_WORKER: withDefault(
    z.enum(WORKER_MODES, { error: `expected one of ${WORKER_MODES.join(', ')}` }),
    'in-process',
  ),
  GATECHECK_LOGIN_MAX_FAILURES: withDefault(positiveInt('a number of failed logins'), '5'),
  GATECHECK_LOGIN_WINDOW_MINUTES: withDefault(positiveInt('a number of minutes'), '15'),
  GATECHECK_MAX_UPLOAD_BYTES: withDefault(positiveInt('a size in bytes'), String(2 * 1024 ** 3)),
  // The value is never echoed in an error: it is a secret.
  GATECHECK_STORAGE_KEY: optionalText.refine((v) => v === undefined || STORAGE_KEY_PATTERN.test(v.trim()), {
    error:
      'expected 32 random bytes as base64 (44 characters) or hex (64 characters), e.g. from `openssl rand -base64 32`; leave unset to use a generated <dataDir>/storage.key',
  }),
  GATECHECK_DOCUMENT_RETENTION_DAYS: withDefault(positiveInt('a number of days'), '365'),
  GATECHECK_MAX_DOCUMENT_BYTES: withDefault(positiveInt('a size in bytes'), String(25 * 1024 * 1024)),
  GATECHECK_MAX_DOCUMENT_PIXELS: withDefault(positiveInt('a number of pixels'), String(40_000_000)),
  GATECHECK_VERIFICATION_TTL_HOURS: withDefault(positiveInt('a number of hours'), '72'),
  GATECHECK_MAX_RECORDING_BYTES: withDefault(positiveInt('a size in bytes'), String(500 * 1024 * 1024)),
  GATECHECK_RECORDING_FPS: withDefault(
    z.coerce
      .number({ error: 'expected frames per second, a number such as 1 or 0.5' })
      .min(0.05, { error: 'expected frames per second from 0.05 to 10' })
      .max(10, { error: 'expected frames per second from 0.05 to 10' }),
    '1',
  ),
  GATECHECK_ORGANIZATION_NAME: optionalText,
  GATECHECK_INDICATOR_SALT: optionalText.refine(
    (v) => v === undefined || splitSalts(v).every((salt) => salt.length >= 16),
    { error: 'each salt (several separated by commas) needs at least 16 characters' },
  ),
  // May hold a password: never echoed in an error.
  GATECHECK_SMTP_URL: optionalText.refine((v) => v === undefined || /^smtps?:\/\/[^\s/]+/.test(v.trim()), {
    error: 'expected an SMTP URL such as smtp://user:password@mail.example.com:587 or smtps://…:465',
  }),
  GATECHECK_ALERT_EMAIL_TO: optionalText.refine(
    (v) => v === undefined || v.split(',').every((a) => /^[^\s@,]+@[^\s@,]+$/.test(a.trim())),
    { error: 'expected one or more email addresses separated by commas' },
  ),
  GATECHECK_TRUSTED_PROXIES: optionalText.superRefine((v, ctx) => {
    for (const entry of splitTrustedProxies(v)) {
      const problem = trustedProxyProblem(entry);
      if (problem) ctx.addIssue({ code: 'custom', message: problem });
    }
  }),
});

export type Config = {
  /** Absolute path of the data directory (SQLite file, local storage). */
  dataDir: string;
  /** PostgreSQL URL; undefined selects SQLite at `<dataDir>/gatecheck.db`. */
  databaseUrl: string | undefined;
  port: number;
  host: string;
  /** Where people reach the server; used in links and printed at start. No trailing slash. */
  publicUrl: string;
  /** True when publicUrl is https: cookies get the Secure flag. */
  secureCookies: boolean;
  maxBundleBytes: number;
  logLevel: LogLevel;
  sessionTtlHours: number;
  worker: WorkerMode;
  login: { maxFailures: number; windowMinutes: number };
  /** The largest sign-in log file an upload or `gatecheck logins import` may bring (streamed to disk). */
  maxUploadBytes: number;
  /**
   * GATECHECK_STORAGE_KEY: the key that encrypts stored documents (format checked here, decoded by
   * adapters/storage); unset → a generated `<dataDir>/storage.key` (mode 0600). Never print it.
   */
  storageKey: string | undefined;
  /** Uploaded ID documents: kept `retentionDays` after upload, then deleted; size and pixel limits. */
  documents: { retentionDays: number; maxBytes: number; maxPixels: number };
  /**
   * Verification links sent to candidates: valid `ttlHours` after sending; `organizationName` is named on the
   * consent screen (unset: the host of publicUrl).
   */
  verifications: { ttlHours: number; organizationName: string | undefined };
  /** Interview recordings: upload size limit and frames sampled per second of video (kept like documents). */
  recordings: { maxBytes: number; fps: number };
  /**
   * GATECHECK_TRUSTED_PROXIES: IP addresses and CIDR ranges of the reverse proxies in front of Gatecheck, whose
   * X-Forwarded-For / Forwarded headers name the client ([] = trust nobody; the socket peer is the client).
   */
  trustedProxies: string[];
  /** Alert email (GATECHECK_SMTP_URL, GATECHECK_ALERT_EMAIL_TO): sent only when both are set. Never print the URL. */
  alerts: { smtpUrl: string | undefined; emailTo: string[] };
  /**
   * GATECHECK_INDICATOR_SALT: the salts agreed with other organisations for threat indicators shared as
   * salted hashes (one per sharing group, separated by commas). Secrets: never print them.
   */
  indicators: { salts: string[] };
};

function splitSalts(value: string): string[] {
  return value
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

export type Env = Readonly<Record<string, string | undefined>>;

/** Parses the environment once. Throws DomainError('validation') listing every bad variable. */
export function loadConfig(env: Env = process.env, cwd: string = process.cwd()): Config {
  const result = envSchema.safeParse(env);
  if (!result.success) {
    const problems = result.error.issues.map((issue) => ({
      path: issue.path.map(String).join('.') || '(environment)',
      message: issue.message,
    }));
    const lines = problems.map((p) => `  ${p.path}: ${p.message}`).join('\n');
    throw new DomainError('validation', `Invalid configuration:\n${lines}`, problems);
  }
  const e = result.data;
  const publicUrl = (e.GATECHECK_PUBLIC_URL ?? `http://localhost:${e.PORT}`).replace(/\/+$/, '');
  return {
    dataDir: path.resolve(cwd, e.GATECHECK_DATA_DIR),
    databaseUrl: e.DATABASE_URL,
    port: e.PORT,
    host: e.HOST,
    publicUrl,
    secureCookies: publicUrl.startsWith('https://'),
    maxBundleBytes: e.GATECHECK_MAX_BUNDLE_BYTES,
    logLevel: e.GATECHECK_LOG_LEVEL,
    sessionTtlHours: e.GATECHECK_SESSION_TTL_HOURS,
    worker: e.GATECHECK_WORKER,
    login: { maxFailures: e.GATECHECK_LOGIN_MAX_FAILURES, windowMinutes: e.GATECHECK_LOGIN_WINDOW_MINUTES },
    maxUploadBytes: e.GATECHECK_MAX_UPLOAD_BYTES,
    storageKey: e.GATECHECK_STORAGE_KEY?.trim(),
    documents: {
      retentionDays: e.GATECHECK_DOCUMENT_RETENTION_DAYS,
      maxBytes: e.GATECHECK_MAX_DOCUMENT_BYTES,
      maxPixels: e.GATECHECK_MAX_DOCUMENT_PIXELS,
    },
    verifications: {
      ttlHours: e.GATECHECK_VERIFICATION_TTL_HOURS,
      organizationName: e.GATECHECK_ORGANIZATION_NAME?.trim(),
    },
    recordings: { maxBytes: e.GATECHECK_MAX_RECORDING_BYTES, fps: e.GATECHECK_RECORDING_FPS },
    trustedProxies: splitTrustedProxies(e.GATECHECK_TRUSTED_PROXIES),
    alerts: {
      smtpUrl: e.GATECHECK_SMTP_URL?.trim(),
      emailTo: (e.GATECHECK_ALERT_EMAIL_TO ?? '')
        .split(',')
        .map((a) => a.trim())
        .filter((a) => a !== ''),
    },
    indicators: { salts: splitSalts(e.GATECHECK_INDICATOR_SALT ?? '') },
  };
}
