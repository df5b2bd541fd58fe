// The `gatecheck` command. Every option can also be set from an environment variable
// (shown in --help). Exit codes: 0 ok, 1 invalid input or failed check, 2 usage error.
import { Command, CommanderError, Option } from 'commander';
import { UsageError } from './read-bundles.ts';

const program = new Command();

program
  .name('gatecheck')
  .description('Gatecheck: find remote hires who are not who they claim to be.')
  .version('0.1.0')
  .exitOverride()
  .configureOutput({ writeErr: (s) => process.stderr.write(s) });

const jsonOption = () => new Option('--json', 'print JSON only').env('GATECHECK_JSON');
const dataDirOption = () =>
  new Option('--data-dir <dir>', 'where the SQLite database and stored files live')
    .env('GATECHECK_DATA_DIR')
    .default('./data');
const databaseOption = () =>
  new Option('--database-url <url>', 'PostgreSQL connection URL (default: SQLite under --data-dir)').env(
    'DATABASE_URL',
  );

program
  .command('assess')
  .description('assess case bundles (files or folders of .json); all given form one population')
  .argument('<bundles...>', 'bundle files or folders')
  .addOption(jsonOption())
  .addOption(
    new Option('--at <time>', 'assess as of this moment (ISO 8601; default now)').env('GATECHECK_AT'),
  )
  .addOption(
    new Option(
      '--no-sanctions',
      'skip sanctions screening (saves the seconds it takes to load the lists)',
    ).env('GATECHECK_NO_SANCTIONS'),
  )
  .action(async (paths: string[], options: { json?: boolean; at?: string; sanctions: boolean }) => {
    const { assessBundles } = await import('./commands/assess-bundles.ts');
    process.exitCode = await assessBundles(paths, options);
  });

program
  .command('signals')
  .description('list the signal catalog')
  .addOption(jsonOption())
  .action(async (options: { json?: boolean }) => {
    const { listSignals } = await import('./commands/list-signals.ts');
    process.exitCode = listSignals(options);
  });

program
  .command('import')
  .description('import case bundles into the database (each bundle all-or-nothing)')
  .argument('<bundles...>', 'bundle files or folders')
  .addOption(jsonOption())
  .addOption(dataDirOption())
  .addOption(databaseOption())
  .action(async (paths: string[], options: { json?: boolean; dataDir: string; databaseUrl?: string }) => {
    const { importBundleFiles } = await import('./commands/import-bundles.ts');
    process.exitCode = await importBundleFiles(paths, options);
  });

const audit = program.command('audit').description('audit log tools');
audit
  .command('verify')
  .description('check the hash chain of the audit log; exit 1 if any entry was edited or deleted')
  .addOption(jsonOption())
  .addOption(dataDirOption())
  .addOption(databaseOption())
  .action(async (options: { json?: boolean; dataDir: string; databaseUrl?: string }) => {
    const { verifyAuditLog } = await import('./commands/verify-audit.ts');
    process.exitCode = await verifyAuditLog(options);
  });

program
  .command('screen')
  .description('screen a name (or a CSV of names) against the sanctions lists')
  .argument('[name]', 'the name of a person or company')
  .addOption(new Option('--dob <date>', 'date of birth (YYYY, YYYY-MM or YYYY-MM-DD)').env('GATECHECK_DOB'))
  .addOption(
    new Option('--country <code>', 'nationality or country (ISO 3166-1 alpha-2)').env('GATECHECK_COUNTRY'),
  )
  .addOption(new Option('--kind <kind>', 'person or company (default person)').env('GATECHECK_KIND'))
  .addOption(
    new Option('--file <csv>', 'screen every row of a CSV with a header: name, dob, country, kind').env(
      'GATECHECK_FILE',
    ),
  )
  .addOption(jsonOption())
  .addOption(dataDirOption())
  .addOption(databaseOption())
  .action(async (name: string | undefined, options: import('./commands/screen-names.ts').ScreenOptions) => {
    const { screenCommand } = await import('./commands/screen-names.ts');
    process.exitCode = await screenCommand(name, options);
  });

const intel = program.command('intel').description('reference data: sanctions lists and IP range lists');
const sanctions = intel.command('sanctions').description('sanctions list snapshots');
sanctions
  .command('import')
  .description('import official list files (OFAC CSV/XML, UN XML, Canada XML, wallet lists); all or nothing')
  .argument('<files...>', 'list files')
  .addOption(jsonOption())
  .addOption(dataDirOption())
  .addOption(databaseOption())
  .action(async (files: string[], options: { json?: boolean; dataDir: string; databaseUrl?: string }) => {
    const { importSanctionsCommand } = await import('./commands/import-sanctions.ts');
    process.exitCode = await importSanctionsCommand(files, options);
  });
sanctions
  .command('list')
  .description('the list snapshots: versions, dates, entry counts, diff from the previous one')
  .addOption(jsonOption())
  .addOption(dataDirOption())
  .addOption(databaseOption())
  .action(async (options: { json?: boolean; dataDir: string; databaseUrl?: string }) => {
    const { listSanctionsCommand } = await import('./commands/import-sanctions.ts');
    process.exitCode = await listSanctionsCommand(options);
  });
const indicators = program
  .command('indicators')
  .description('threat indicators shared between organisations (STIX 2.1, CSV)');
indicators
  .command('import')
  .description(
    'import a STIX 2.1 bundle or a CSV (type,value,source,description,valid_until); re-importing a file changes nothing',
  )
  .argument('<file>', 'the file')
  .addOption(new Option('--name <name>', 'shown in the list of imports (default: the file name)'))
  .addOption(new Option('--strict', 'reject the whole file when any object or line cannot be used'))
  .addOption(jsonOption())
  .addOption(dataDirOption())
  .addOption(databaseOption())
  .action(async (file: string, options: import('./commands/indicators.ts').ImportIndicatorsOptions) => {
    const { importIndicatorsCommand } = await import('./commands/indicators.ts');
    process.exitCode = await importIndicatorsCommand(file, options);
  });
indicators
  .command('export')
  .description("print a subject's identifiers as a STIX 2.1 bundle (escalated or reported cases, or --all)")
  .argument('<subjectId>', 'the subject')
  .addOption(new Option('--all', 'every identifier, whatever the case status'))
  .addOption(new Option('--hashed', 'salted SHA-256 of emails and phones instead of the values'))
  .addOption(
    new Option('--salt <salt>', 'the salt agreed with the other organisations').env(
      'GATECHECK_INDICATOR_SALT',
    ),
  )
  .addOption(
    new Option('--organization <name>', 'the organisation named as the source').env(
      'GATECHECK_ORGANIZATION_NAME',
    ),
  )
  .addOption(dataDirOption())
  .addOption(databaseOption())
  .action(async (subjectId: string, options: import('./commands/indicators.ts').ExportIndicatorsOptions) => {
    const { exportIndicatorsCommand } = await import('./commands/indicators.ts');
    process.exitCode = await exportIndicatorsCommand(subjectId, options);
  });
const ipIntel = intel.command('ip').description('IP range lists: Tor exits, VPN/hosting ranges, allow-lists');
ipIntel
  .command('import')
  .description(
    'import a range list (one IP, CIDR, a-b range or ASN per line); a list of the same name is replaced',
  )
  .argument('<file>', 'the list file')
  .addOption(
    new Option('--kind <kind>', 'tor, vpn, proxy, relay, hosting or allow').env('GATECHECK_IP_LIST_KIND'),
  )
  .addOption(
    new Option('--name <name>', 'the list name (letters, digits, . - _)').env('GATECHECK_IP_LIST_NAME'),
  )
  .addOption(new Option('--provider <provider>', 'who runs these addresses, e.g. "Astrill VPN"'))
  .addOption(new Option('--label <label>', 'a description, e.g. "Corporate VPN egress"'))
  .addOption(jsonOption())
  .addOption(dataDirOption())
  .addOption(databaseOption())
  .action(async (file: string, options: import('./commands/import-ip-list.ts').ImportIpListOptions) => {
    const { importIpListCommand } = await import('./commands/import-ip-list.ts');
    process.exitCode = await importIpListCommand(file, options);
  });
ipIntel
  .command('list')
  .description('the IP databases (licence, attribution) and the imported range lists')
  .addOption(jsonOption())
  .addOption(dataDirOption())
  .addOption(databaseOption())
  .action(async (options: { json?: boolean; dataDir: string; databaseUrl?: string }) => {
    const { listIpListsCommand } = await import('./commands/import-ip-list.ts');
    process.exitCode = await listIpListsCommand(options);
  });
ipIntel
  .command('remove')
  .description('remove an imported range list')
  .argument('<name>', 'the list name')
  .addOption(jsonOption())
  .addOption(dataDirOption())
  .addOption(databaseOption())
  .action(async (name: string, options: { json?: boolean; dataDir: string; databaseUrl?: string }) => {
    const { removeIpListCommand } = await import('./commands/import-ip-list.ts');
    process.exitCode = await removeIpListCommand(name, options);
  });

program
  .command('ip')
  .description(
    'where an IP address is and what kind of network it belongs to (offline databases + imported lists)',
  )
  .argument('<address>', 'an IPv4 or IPv6 address')
  .addOption(jsonOption())
  .addOption(dataDirOption())
  .addOption(databaseOption())
  .action(async (address: string, options: import('./commands/lookup-ip.ts').LookupIpOptions) => {
    const { lookupIpCommand } = await import('./commands/lookup-ip.ts');
    process.exitCode = await lookupIpCommand(address, options);
  });

program
  .command('mrz')
  .description('parse and check the machine-readable lines of a passport, ID card or visa (ICAO 9303)')
  .argument('<lines...>', 'the 1 to 3 MRZ lines, each as one argument (quote them: "<" is special in shells)')
  .addOption(jsonOption())
  .action(async (lines: string[], options: { json?: boolean }) => {
    const { parseMrzCommand } = await import('./commands/parse-mrz.ts');
    process.exitCode = parseMrzCommand(lines, options);
  });

program
  .command('claims')
  .description(
    'what the resume, application, interviews, documents and references of one bundle say about the person, side by side, with the disagreements first',
  )
  .argument('<bundle>', 'a bundle file (.json) holding one bundle')
  .addOption(jsonOption())
  .addOption(new Option('--at <time>', 'as of this moment (ISO 8601; default now)').env('GATECHECK_AT'))
  .action(async (file: string, options: { json?: boolean; at?: string }) => {
    const { showClaims } = await import('./commands/show-claims.ts');
    process.exitCode = await showClaims(file, options);
  });

program
  .command('resume')
  .description(
    "read a PDF, DOCX or text resume: contact details, employment, education, technologies; with --subject, store it as that subject's evidence",
  )
  .argument('<file>', 'the resume file (type is read from its content, not its name; up to 20 MB)')
  .addOption(jsonOption())
  .addOption(
    new Option(
      '--subject <id>',
      "store the resume as this subject's evidence in the database and re-assess (default: only print it)",
    ).env('GATECHECK_RESUME_SUBJECT'),
  )
  .addOption(dataDirOption())
  .addOption(databaseOption())
  .action(
    async (
      file: string,
      options: { json?: boolean; subject?: string; dataDir: string; databaseUrl?: string },
    ) => {
      const { parseResumeCommand } = await import('./commands/parse-resume.ts');
      process.exitCode = await parseResumeCommand(file, options);
    },
  );

program
  .command('document')
  .description(
    'analyse an ID document or paper without storing it: type, size and pixels, the MRZ (OCR or PDF text), forensic findings',
  )
  .argument('<file>', 'a JPEG, PNG, WebP, HEIC, TIFF or PDF (type read from the content, not the name)')
  .addOption(jsonOption())
  .addOption(new Option('--ela <out.png>', 'write the error-level-analysis image to this file'))
  .action(async (file: string, options: { json?: boolean; ela?: string }) => {
    const { analyzeDocumentCommand } = await import('./commands/analyze-document.ts');
    process.exitCode = await analyzeDocumentCommand(file, options);
  });

program
  .command('recording')
  .description(
    "analyse an interview recording without storing it: face presence, occlusion events, identity drift, two people? (needs Debian's ffmpeg)",
  )
  .argument('<file>', 'an MP4, WebM or MOV video (type read from the content, not the name)')
  .addOption(jsonOption())
  .addOption(
    new Option('--fps <n>', 'frames sampled per second of video (default 1)').env('GATECHECK_RECORDING_FPS'),
  )
  .action(async (file: string, options: { json?: boolean; fps?: string }) => {
    const { analyzeRecordingCommand } = await import('./commands/analyze-recording.ts');
    process.exitCode = await analyzeRecordingCommand(file, options);
  });

const verification = program
  .command('verification')
  .description('live verification sessions sent to candidates');
verification
  .command('create')
  .description(
    'send a subject a live verification: prints the single-use link to give the candidate (audited)',
  )
  .argument('<subjectId>', 'the subject id')
  .addOption(jsonOption())
  .addOption(dataDirOption())
  .addOption(databaseOption())
  .action(async (subjectId: string, options: { json?: boolean; dataDir: string; databaseUrl?: string }) => {
    const { createVerificationCommand } = await import('./commands/create-verification.ts');
    process.exitCode = await createVerificationCommand(subjectId, options);
  });

const documents = program.command('documents').description('stored ID documents');
documents
  .command('purge')
  .description(
    'delete now every stored document and resume file whose retention period is over (audited): the documents part of the retention sweep only; `gatecheck retention run` runs all of it',
  )
  .addOption(jsonOption())
  .addOption(dataDirOption())
  .addOption(databaseOption())
  .action(async (options: { json?: boolean; dataDir: string; databaseUrl?: string }) => {
    const { purgeDocumentsCommand } = await import('./commands/purge-documents.ts');
    process.exitCode = await purgeDocumentsCommand(options);
  });

const retention = program
  .command('retention')
  .description('retention of personal data: the periods in force, and the sweep the server runs every hour');
retention
  .command('run')
  .description(
    'run the whole retention sweep now (documents, recordings, resumes, verification media, sign-in logs, changes, payments, face data, closed cases) and print what was deleted per kind; subjects under legal hold are skipped',
  )
  .addOption(jsonOption())
  .addOption(dataDirOption())
  .addOption(databaseOption())
  .action(async (options: { json?: boolean; dataDir: string; databaseUrl?: string }) => {
    const { retentionRunCommand } = await import('./commands/run-retention.ts');
    process.exitCode = await retentionRunCommand(options);
  });
retention
  .command('show')
  .description('print the retention period of each kind of data (Settings → Privacy, or the defaults)')
  .addOption(jsonOption())
  .addOption(dataDirOption())
  .addOption(databaseOption())
  .action(async (options: { json?: boolean; dataDir: string; databaseUrl?: string }) => {
    const { retentionShowCommand } = await import('./commands/run-retention.ts');
    process.exitCode = await retentionShowCommand(options);
  });

const logins = program
  .command('logins')
  .description('sign-in logs: import, unmatched accounts, links to subjects');
logins
  .command('import')
  .description(
    'import a sign-in log (Okta, Entra ID, Google Workspace, CSV/NDJSON) with progress; idempotent',
  )
  .argument('<file>', 'the log file (plain or gzip)')
  .addOption(
    new Option('--format <format>', 'auto, okta, entra, entra-csv, google, csv or ndjson')
      .env('GATECHECK_LOGIN_FORMAT')
      .default('auto'),
  )
  .addOption(
    new Option('--map <mapping>', 'generic CSV/NDJSON columns, e.g. at=Timestamp,account=User,ip=IP').env(
      'GATECHECK_LOGIN_MAP',
    ),
  )
  .addOption(jsonOption())
  .addOption(dataDirOption())
  .addOption(databaseOption())
  .action(async (file: string, options: import('./commands/import-logins.ts').ImportLoginsOptions) => {
    const { importLoginsCommand } = await import('./commands/import-logins.ts');
    process.exitCode = await importLoginsCommand(file, options);
  });
logins
  .command('unmatched')
  .description('accounts in stored sign-in events that match no subject')
  .addOption(jsonOption())
  .addOption(dataDirOption())
  .addOption(databaseOption())
  .action(async (options: { json?: boolean; dataDir: string; databaseUrl?: string }) => {
    const { listUnmatchedCommand } = await import('./commands/import-logins.ts');
    process.exitCode = await listUnmatchedCommand(options);
  });
logins
  .command('link')
  .description('link an account to a subject: its stored events move to the subject, who is re-assessed')
  .argument('<account>', 'login name or email as the identity provider wrote it')
  .argument('<subjectId>', 'the subject id')
  .addOption(jsonOption())
  .addOption(dataDirOption())
  .addOption(databaseOption())
  .action(
    async (
      account: string,
      subjectId: string,
      options: { json?: boolean; dataDir: string; databaseUrl?: string },
    ) => {
      const { linkAccountCommand } = await import('./commands/import-logins.ts');
      process.exitCode = await linkAccountCommand(account, subjectId, options);
    },
  );

program
  .command('links')
  .description('groups of people sharing an email, phone, bank account, wallet, device or address')
  .argument('[bundles...]', 'bundle files or folders (or --db for the stored subjects)')
  .addOption(new Option('--db', 'read the subjects stored in the database').env('GATECHECK_LINKS_DB'))
  .addOption(jsonOption())
  .addOption(dataDirOption())
  .addOption(databaseOption())
  .action(
    async (
      paths: string[],
      options: { json?: boolean; db?: boolean; dataDir: string; databaseUrl?: string },
    ) => {
      const { listLinks } = await import('./commands/list-links.ts');
      process.exitCode = await listLinks(paths, options);
    },
  );

program
  .command('reassess')
  .description('re-assess every stored subject now (e.g. after a policy change), with progress')
  .addOption(jsonOption())
  .addOption(dataDirOption())
  .addOption(databaseOption())
  .action(async (options: { json?: boolean; dataDir: string; databaseUrl?: string }) => {
    const { reassessSubjects } = await import('./commands/reassess-subjects.ts');
    process.exitCode = await reassessSubjects(options);
  });

program
  .command('jobs')
  .description('list recent long-running work (re-assessments, imports) with status and progress')
  .addOption(jsonOption())
  .addOption(dataDirOption())
  .addOption(databaseOption())
  .action(async (options: { json?: boolean; dataDir: string; databaseUrl?: string }) => {
    const { listJobsCommand } = await import('./commands/list-jobs.ts');
    process.exitCode = await listJobsCommand(options);
  });

program
  .command('start')
  .description('start the web app and API')
  .addOption(new Option('--port <port>', 'port to listen on').env('PORT').default('8080'))
  .addOption(new Option('--host <host>', 'address to listen on').env('HOST'))
  .addOption(dataDirOption())
  .addOption(databaseOption())
  .addOption(
    new Option('--no-build', 'do not build the web UI even if it is missing or stale').env(
      'GATECHECK_NO_BUILD',
    ),
  )
  .action(
    async (options: {
      port: string;
      host?: string;
      dataDir: string;
      databaseUrl?: string;
      build: boolean;
    }) => {
      const { startCommand } = await import('./commands/start-server.ts');
      await startCommand(options);
    },
  );

program
  .command('changes')
  .description('HRIS/payroll change events: addresses, bank accounts, payments')
  .command('import')
  .description('import change events from a CSV file (see docs/payroll-events.md); all or nothing')
  .argument('<file>', 'the CSV file, header row first')
  .addOption(jsonOption())
  .addOption(dataDirOption())
  .addOption(databaseOption())
  .action(async (file: string, options: import('./commands/import-changes.ts').ImportChangesOptions) => {
    const { importChangesCommand } = await import('./commands/import-changes.ts');
    process.exitCode = await importChangesCommand(file, options);
  });

program
  .command('report')
  .description(
    "write a subject's case report (PDF, or JSON with --json) from a new snapshot of the stored case",
  )
  .argument('<subject>', 'the subject id')
  .addOption(new Option('--out <file>', 'where to write the report (with --json, stdout when left out)'))
  .addOption(new Option('--snapshot <id>', 'report on this snapshot instead of making a new one'))
  .addOption(new Option('--reason <text>', 'why the evidence is frozen (shown in the report)'))
  .addOption(jsonOption())
  .addOption(dataDirOption())
  .addOption(databaseOption())
  .action(async (subject: string, options: import('./commands/report-case.ts').ReportOptions) => {
    const { reportCommand } = await import('./commands/report-case.ts');
    process.exitCode = await reportCommand(subject, options);
  });

async function main(): Promise<void> {
  try {
    await program.parseAsync(process.argv);
  } catch (error) {
    if (error instanceof CommanderError) {
      // Help and version are successes; everything else commander reports is a usage error.
      process.exitCode = error.exitCode === 0 ? 0 : 2;
      return;
    }
    if (error instanceof UsageError) {
      process.stderr.write(`gatecheck: ${error.message}\n`);
      process.exitCode = 2;
      return;
    }
    process.stderr.write(`gatecheck: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  }
}

await main();
