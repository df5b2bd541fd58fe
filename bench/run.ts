// `npm run bench`: runs every benchmark and prints a table; results also go to bench/results/.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { runAssessBench } from './assess.bench.ts';
import { runChecklistBench } from './checklist.bench.ts';
import { runFacesBench } from './faces.bench.ts';
import { runForensicsBench } from './forensics.bench.ts';
import { runIpLookupBench } from './ip-lookup.bench.ts';
import { runLinkGraphBench, runLinkGraphServiceBench } from './link-graph.bench.ts';
import { runLinksBench } from './links.bench.ts';
import { runLivenessVerifyBench } from './liveness-verify.bench.ts';
import { runLoginParseBench } from './login-parse.bench.ts';
import { runNameMatchingBench } from './name-matching.bench.ts';
import { runNetworkDetectBench } from './network-detect.bench.ts';
import { runOcrBench } from './ocr.bench.ts';
import { runPulseBench } from './pulse.bench.ts';
import { runRecordingBench } from './recording.bench.ts';
import { runReportBench } from './report.bench.ts';
import { runResumeDupBench } from './resume-dup.bench.ts';
import { runResumeParseBench } from './resume-parse.bench.ts';
import { runRetentionBench } from './retention.bench.ts';
import { runSanctionsScreeningBench } from './sanctions-screening.bench.ts';
import { runServerBench } from './server.bench.ts';
import { runSigninPipelineBench } from './signin-pipeline.bench.ts';
import { runTraceSeriesBench } from './trace-series.bench.ts';
import { runVerificationSubmitBench } from './verification-submit.bench.ts';

const only = process.argv[2];
const results: Record<string, unknown> = { at: new Date().toISOString(), node: process.version };

if (only === undefined || only === 'assess') {
  console.log('Assessment vs JSON.parse + schema validation (one core, same process)');
  const rows = runAssessBench();
  console.table(rows);
  console.log(
    'ratio = assessment cost / (parse + validate) cost; target: >= 2,000 assessments/s and ratio <= 5',
  );
  results.assess = rows;
}
if (only === undefined || only === 'names') {
  console.log(
    '\nSanctions name screening: indexed search vs brute-force scan with the same scorer (one core)',
  );
  const rows = runNameMatchingBench();
  console.table(rows);
  console.log(
    'targets: single-name p99 < 5 ms, batch >= 5,000 names/s; the speed-up is the figure to report',
  );
  results.names = rows;
  console.log(
    '\nSanctions screening end to end, full shipped lists (search + corroboration + classification)',
  );
  const full = await runSanctionsScreeningBench();
  console.table([full]);
  results.screening = full;
}
if (only === undefined || only === 'network') {
  console.log('\nSign-in analyzer over resolved sign-ins vs a bare loop over the same array (one core)');
  const network = runNetworkDetectBench();
  console.table(network.rows);
  console.log('Every detector over one bundle of 5,000 sign-ins (the most an assessment loads per subject)');
  console.table([network.bundle]);
  results.network = network;
}
if (only === undefined || only === 'retention') {
  console.log(
    '\nRetention sweep (SQLite): first run deletes what is due (sign-ins, changes, closed cases), then an idle run',
  );
  const retention = await runRetentionBench();
  console.table([retention]);
  console.log('the idle run is what the server pays every hour');
  results.retention = retention;
}
if (only === undefined || only === 'checklist') {
  console.log(
    '\nChecklist load per stored assessment (SQLite): subject + case + item states + core, vs a bare band read',
  );
  const checklist = await runChecklistBench();
  console.table([checklist]);
  results.checklist = checklist;
}
if (only === undefined || only === 'links') {
  console.log('\nClustering people by shared identifiers (union-find, one core)');
  const links = runLinksBench();
  console.table([links]);
  console.log(
    'target: 100,000 subjects with 1,000,000 identifiers clustered in < 10 s; every planted farm recovered',
  );
  results.links = links;
}
if (only === undefined || only === 'link-graph') {
  console.log(
    '\nLinks page and tab: identifiers of every bundle indexed, clusters ranked, one graph (one core)',
  );
  const linkGraph = runLinkGraphBench();
  console.table([linkGraph]);
  console.log('the index is kept between requests until a subject or an assessment changes');
  results.linkGraph = linkGraph;
  console.log('\nFirst Links request after a change, through the service on SQLite (read, parse, index)');
  const service = await runLinkGraphServiceBench();
  console.table([service]);
  console.log('longestBlockMs = the longest time the server could answer no other request during the build');
  results.linkGraphService = service;
}
if (only === undefined || only === 'resume') {
  console.log('\nResume reading per file (sniff + extract + parse) vs raw text extraction alone (one core)');
  const rows = await runResumeParseBench();
  console.table(rows);
  console.log('heapMb = heap growth at the peak while parsing, after a GC');
  results.resume = rows;
}
if (only === undefined || only === 'ocr') {
  console.log(
    '\nMRZ OCR per document image (decode, find the band, OCR it at 2+ sizes, correct) vs OCR of the whole page (same engine and correction, same process)',
  );
  const ocr = await runOcrBench();
  console.log(`reader start (worker + eng model): ${ocr.startup.ms} ms, +${ocr.startup.rssMb} MB resident`);
  console.table(ocr.rows);
  console.log(
    'read/baselineRead: exact = the true lines; rssMb = process resident peak while reading, readerMb = that minus the process before the reader',
  );
  results.ocr = ocr;
}
if (only === undefined || only === 'ip') {
  console.log(
    '\nIP lookups (DB-IP city + ASN + classification + Tor/X4BNet lists) vs a bare mmdb-lib get loop, same addresses (one core)',
  );
  const ip = await runIpLookupBench();
  console.table(ip.rows);
  console.log(
    `load: ASN table (IPv4) ${ip.load.asnV4Ms} ms, city mmdb open ${ip.load.cityOpenMs} ms, lists ${ip.load.listsMs} ms (${ip.load.listRanges} merged ranges)`,
  );
  results.ip = ip;
}
if (only === undefined || only === 'server') {
  console.log('\nServer: GET a subject with its assessment at a fixed rate on SQLite (autocannon, loopback)');
  const server = await runServerBench();
  console.table([server]);
  console.log('target: p99 < 50 ms at 200 requests/s');
  results.server = server;
}

if (only === undefined || only === 'logins') {
  console.log(
    '\nSign-in log reading: readLogins vs JSON.parse per line (ceiling) and @streamparser/json (one core)',
  );
  const logins = await runLoginParseBench();
  console.log(`Okta System Log events of ~${logins.eventBytes} bytes each`);
  console.table(logins.rows);
  console.log(
    'peak resident memory of a fresh process per file (flat memory: the same peak for 8x the file)',
  );
  console.table(logins.memory);
  console.log('target: readLogins NDJSON well over 100,000 events/s; memory flat in file size');
  results.logins = logins;
}

if (only === undefined || only === 'signin') {
  console.log(
    '\nSign-in pipeline: 1,000,000 Okta events from real IP ranges — read + normalise + place + analyse + detect,',
  );
  console.log(
    'next to the ceiling measured on the same file: JSON.parse alone plus bare mmdb lookups (one core)',
  );
  const signin = await runSigninPipelineBench();
  console.log(signin.file);
  console.table(signin.rows);
  console.log(signin.detail);
  console.log('target: >= 50% of the ceiling (parse + lookup); live heap flat in file size');
  results.signin = signin;
}

if (only === undefined || only === 'forensics') {
  console.log(
    '\nDocument forensics per file: metadata, decoding, JPEG ghost, error-level analysis (with localisation), pHash, whole analysis',
  );
  const rows = await runForensicsBench();
  console.table(rows);
  console.log(
    'ms per call (one core); heapMb = JS heap growth at the peak; rssMb = peak resident memory of a fresh process analysing the file once, over the same process idle',
  );
  results.forensics = rows;
}

if (only === undefined || only === 'liveness') {
  console.log(
    '\nLiveness trace verification on the server: JSON.parse + bounded schema + analysis of a 60 s trace at 15 frames/s with 1024-value embeddings twice a second (one core)',
  );
  const rows = runLivenessVerifyBench();
  console.table(rows);
  console.log('median of 20 runs after 3 warm-ups; target: totalMs < 200');
  results.liveness = rows;
}
if (only === undefined || only === 'verification-submit') {
  console.log(
    '\nTrace submission end to end (service on SQLite): parse, keyframe spot-checks with the Node face models, analysis, gzip, encryption, transaction, re-assessment; 60 s trace, without and with 6 keyframes (one core)',
  );
  const submit = await runVerificationSubmitBench();
  console.log(`face models load (first use, once per process): ${submit.modelLoadMs} ms`);
  console.table(submit.rows);
  console.log(
    'parts measured on the same input: face models on the keyframes, verify = parse + schema + analysis (target < 200 ms), store = gzip + encrypt + write, the rest = transaction + re-assessment',
  );
  results.verificationSubmit = submit;
}
if (only === undefined || only === 'trace-series') {
  console.log(
    '\nSession chart from a stored trace: gunzip + JSON.parse (baseline), bounded schema, reduction to 600 points (one core)',
  );
  const rows = runTraceSeriesBench();
  console.table(rows);
  console.log('median after 2 warm-ups; the chart costs seriesMs on top of reading the trace at all');
  results.traceSeries = rows;
}

if (only === undefined || only === 'pulse') {
  console.log('\nPulse (POS rPPG) over the face colour of a trace, part of the liveness analysis (one core)');
  const rows = runPulseBench();
  console.table(rows);
  console.log('median and p95 of 30 runs (5 for the largest) after 2 warm-ups');
  results.pulse = rows;
}

if (only === undefined || only === 'faces') {
  console.log(
    '\nFace analysis (@vladmandic/human, tfjs wasm, 640x480 portrait frame): Node per frame, then headless Chromium frames/s',
  );
  const faces = await runFacesBench();
  console.log(`Node: models loaded in ${faces.node.loadMs} ms`);
  console.table(faces.node.rows);
  console.log(
    `Chromium: ${JSON.stringify(faces.browser.info)}, page + models ready in ${faces.browser.loadMs} ms, requests outside the server: ${faces.browser.externalRequests.length}`,
  );
  console.table(faces.browser.rows);
  console.log('target: >= 10 frames/s for face + mesh + hand in the browser');
  results.faces = faces;
}

if (only === undefined || only === 'recording') {
  console.log(
    '\nRecorded interview analysis (ffmpeg sampling + face models + summary), 60 s clip, one process',
  );
  const recording = await runRecordingBench();
  console.log(`models loaded in ${recording.loadMs} ms; load average ${recording.loadavg.join(' ')}`);
  console.table(recording.rows);
  console.log(
    'realTime = video seconds analysed per wall-clock second; target >= 1x at the chosen rate (default 1 fps)',
  );
  results.recording = recording;
}
if (only === 'resume-dup') {
  // Not in the default run: building the 100,000-resume corpus takes minutes (RESUME_DUP_N=20000 for less).
  console.log(
    '\nNear-duplicate resumes: LSH index vs brute-force Jaccard scan, same corpus and threshold (one core)',
  );
  const dup = runResumeDupBench();
  console.table(dup.rows);
  const { rows: _rows, ...summary } = dup;
  console.log(summary);
  console.log('targets: index p99 < 20 ms, recall >= 0.95 of the pairs the scan finds at the threshold');
  results.resumeDup = dup;
}
if (only === undefined || only === 'report') {
  console.log(
    '\nCase report: model from a snapshot, PDF rendering, next to a one-page pdfkit document (one core)',
  );
  const rows = await runReportBench();
  console.table(rows);
  results.report = rows;
}
const dir = path.resolve(import.meta.dirname, 'results');
mkdirSync(dir, { recursive: true });
writeFileSync(path.join(dir, 'latest.json'), `${JSON.stringify(results, null, 2)}\n`);
