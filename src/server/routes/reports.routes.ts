// Evidence and reports: case snapshots (create, list, read, verify), the case report as PDF and JSON, the
// case export (bundle + case state) and CSV exports of subjects and signals.
import { createRoute } from '@hono/zod-openapi';
import { exportCase, exportSignalsCsv, exportSubjectsCsv } from '../../services/export-cases.ts';
import { buildCaseReport, renderCaseReport } from '../../services/report-case.ts';
import {
  createCaseSnapshot,
  getCaseSnapshot,
  listCaseSnapshots,
  verifyCaseSnapshot,
} from '../../services/snapshot-case.ts';
import { access, jsonBody, jsonResponse } from '../openapi.ts';
import { actorOf, type ServerApp } from '../types.ts';
import { IdParamSchema } from './common.schemas.ts';
import { contentDisposition } from './documents.routes.ts';
import {
  BinarySchema,
  CaseExportSchema,
  CreateSnapshotBodySchema,
  ReportQuerySchema,
  ReportSchema,
  SnapshotCreatedSchema,
  SnapshotIdParamSchema,
  SnapshotListSchema,
  SnapshotSchema,
  SnapshotVerificationSchema,
} from './reports.schemas.ts';

const tags = ['Evidence and reports'];

const createSnapshot = createRoute({
  ...access('export', {
    description:
      "Freezes the subject's bundle, latest assessment, sanctions screening, case state and notes, timeline and stored-file hashes, with a SHA-256 manifest. Audited (snapshot.created, with the manifest hash). Snapshots are never changed.",
  }),
  method: 'post',
  path: '/subjects/{id}/snapshots',
  tags,
  summary: "Preserve the evidence: make a snapshot of the subject's case",
  request: { params: IdParamSchema, body: { ...jsonBody(CreateSnapshotBodySchema), required: false } },
  responses: { 201: jsonResponse(SnapshotCreatedSchema, 'The snapshot (without its parts)') },
});

const listSnapshots = createRoute({
  ...access('subjects:read'),
  method: 'get',
  path: '/subjects/{id}/snapshots',
  tags,
  summary: "The subject's snapshots, newest first, with their manifest hashes",
  request: { params: IdParamSchema },
  responses: { 200: jsonResponse(SnapshotListSchema, 'Snapshots') },
});

const getSnapshot = createRoute({
  ...access('subjects:read', {
    description:
      "Written to the subject's access log (snapshot.viewed; the same person again within ten minutes is one entry).",
  }),
  method: 'get',
  path: '/snapshots/{id}',
  tags,
  summary: 'One snapshot with every part',
  request: { params: SnapshotIdParamSchema },
  responses: { 200: jsonResponse(SnapshotSchema, 'The snapshot') },
});

const verifySnapshot = createRoute({
  ...access('subjects:read', {
    description:
      'Recomputes each part’s SHA-256 from what is stored and compares it with the manifest, the manifest with its hash, and the hash with the one the audit log recorded. `ok`, or which part differs.',
  }),
  method: 'get',
  path: '/snapshots/{id}/verify',
  tags,
  summary: 'Check a snapshot against its manifest',
  request: { params: SnapshotIdParamSchema },
  responses: { 200: jsonResponse(SnapshotVerificationSchema, 'The result') },
});

const reportDescription =
  'Without `snapshot`, a new snapshot is made first (audited) so the report names the manifest it rests on. Audited as report.generated and written to the access log of the subject (report.pdf-generated or report.json-generated, every download).';

const reportPdf = createRoute({
  ...access('export', { description: reportDescription }),
  method: 'get',
  path: '/subjects/{id}/report.pdf',
  tags,
  summary: 'The case report as PDF',
  request: { params: IdParamSchema, query: ReportQuerySchema },
  responses: {
    200: { description: 'A PDF', content: { 'application/pdf': { schema: BinarySchema } } },
  },
});

const reportJson = createRoute({
  ...access('export', { description: reportDescription }),
  method: 'get',
  path: '/subjects/{id}/report.json',
  tags,
  summary: 'The case report as JSON (gatecheck.report/v1)',
  request: { params: IdParamSchema, query: ReportQuerySchema },
  responses: { 200: jsonResponse(ReportSchema, 'The report') },
});

const exportJson = createRoute({
  ...access('export', {
    description:
      'The case bundle (gatecheck.case-bundle/v1) with `caseExport`: status, assignee (with email), notes, history, checklist states (who/when) and the latest band. Importing it (POST /subjects, POST /subjects/import or `gatecheck import`) stores the bundle, assesses it again and, for a new subject, restores the case from `caseExport` (marked imported; audited as case.imported); `caseExport` is kept out of the stored bundle. Audited and written to the access log of the subject (case.exported).',
  }),
  method: 'get',
  path: '/subjects/{id}/export.json',
  tags,
  summary: "Export the subject's case as JSON",
  request: { params: IdParamSchema },
  responses: { 200: jsonResponse(CaseExportSchema, 'The case bundle with its case state') },
});

const csvResponse = (description: string) => ({
  description,
  content: { 'text/csv': { schema: BinarySchema } },
});

const subjectsCsv = createRoute({
  ...access('export', {
    description:
      'One row per subject. Cells starting with = + - or @ are prefixed with a quote so spreadsheets do not run them as formulas. Audited once per download (subjects.exported, with the row count), not in the access log of each subject.',
  }),
  method: 'get',
  path: '/exports/subjects.csv',
  tags,
  summary: 'Every subject as CSV',
  responses: { 200: csvResponse('CSV (UTF-8, CRLF)') },
});

const signalsCsv = createRoute({
  ...access('export', {
    description:
      "One row per signal of each subject's latest assessment. Cells starting with = + - or @ are prefixed with a quote. Audited once per download (signals.exported), not in each subject's access log.",
  }),
  method: 'get',
  path: '/exports/signals.csv',
  tags,
  summary: 'Every signal as CSV',
  responses: { 200: csvResponse('CSV (UTF-8, CRLF)') },
});

const safeName = (id: string) => id.replace(/[^\w.-]/g, '_');

function download(body: string | Uint8Array, type: string, name: string): Response {
  const bytes = typeof body === 'string' ? new TextEncoder().encode(body) : body;
  return new Response(new Uint8Array(bytes), {
    status: 200,
    headers: {
      'content-type': type,
      'content-length': String(bytes.byteLength),
      'content-disposition': contentDisposition('attachment', name),
      'x-content-type-options': 'nosniff',
      'cache-control': 'private, no-store',
    },
  });
}

export function registerReportRoutes(api: ServerApp): void {
  api.openapi(createSnapshot, async (c) => {
    const body = c.req.header('content-type')?.includes('json') ? c.req.valid('json') : {};
    const snap = await createCaseSnapshot(c.var.ctx, actorOf(c), c.req.valid('param').id, body ?? {});
    const { parts: _parts, ...head } = snap;
    return c.json(head, 201);
  });
  api.openapi(listSnapshots, async (c) =>
    c.json(await listCaseSnapshots(c.var.ctx, actorOf(c), c.req.valid('param').id), 200),
  );
  api.openapi(getSnapshot, async (c) =>
    c.json(await getCaseSnapshot(c.var.ctx, actorOf(c), c.req.valid('param').id), 200),
  );
  api.openapi(verifySnapshot, async (c) =>
    c.json(await verifyCaseSnapshot(c.var.ctx, actorOf(c), c.req.valid('param').id), 200),
  );
  api.openapi(reportPdf, async (c) => {
    const id = c.req.valid('param').id;
    const { pdf, model } = await renderCaseReport(c.var.ctx, actorOf(c), id, {
      snapshotId: c.req.valid('query').snapshot,
    });
    return download(pdf, 'application/pdf', `${safeName(id)}-report-${model.snapshot.id}.pdf`);
  });
  api.openapi(reportJson, async (c) => {
    const id = c.req.valid('param').id;
    const model = await buildCaseReport(c.var.ctx, actorOf(c), id, {
      snapshotId: c.req.valid('query').snapshot,
    });
    c.header(
      'content-disposition',
      contentDisposition('attachment', `${safeName(id)}-report-${model.snapshot.id}.json`),
    );
    return c.json(model, 200);
  });
  api.openapi(exportJson, async (c) => {
    const id = c.req.valid('param').id;
    const out = await exportCase(c.var.ctx, actorOf(c), id);
    c.header('content-disposition', contentDisposition('attachment', `${safeName(id)}.case.json`));
    return c.json(out, 200);
  });
  api.openapi(subjectsCsv, async (c) =>
    download(await exportSubjectsCsv(c.var.ctx, actorOf(c)), 'text/csv; charset=utf-8', 'subjects.csv'),
  );
  api.openapi(signalsCsv, async (c) =>
    download(await exportSignalsCsv(c.var.ctx, actorOf(c)), 'text/csv; charset=utf-8', 'signals.csv'),
  );
}
