// Interview recordings through the API on SQLite and PostgreSQL, with real videos made by Debian's ffmpeg
// from scikit-image's portraits: upload → ffprobe → encrypted store → `recording.analyze` job (progress per
// frame) → interview frames + recording summary in the bundle → interview.person-changed fires for another
// person and not for the same one; the ID photo's face is matched; a landscape has no face (presence 0); a
// person switching mid-way is reported as identity drift; a cut-short MP4 and a text file named .mp4 are
// refused with nothing stored; the size limit; retention deletes the video (audited).
import { mkdtempSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listAuditEntries } from '../../src/adapters/db/audit.ts';
import { insertInterviewRecording } from '../../src/adapters/db/repositories/interview-recordings.repository.ts';
import { analyzeFaceImage } from '../../src/intel/faces/human-node.ts';
import { isStreamedBodyRoute } from '../../src/server/middleware/body-limit.ts';
import { resumeRecordingAnalysis } from '../../src/services/analyze-recording.ts';
import { documentStore } from '../../src/services/internal/documents.ts';
import { recordingStorageKey } from '../../src/services/internal/recordings.ts';
import { purgeExpiredDocuments } from '../../src/services/purge-expired-documents.ts';
import { dialects } from '../db.ts';
import { skimageImage } from '../faces/face-images.ts';
import { makeVideo, makeVideoDir } from '../recordings/videos.ts';
import { buildBundle } from '../services/factories.ts';
import { createDocumentServer, type DocumentServer, finishedJob } from './documents-helpers.ts';
import type { Client } from './helpers.ts';

// This file checks that no temporary copy of a recording is left behind, so it gets a temporary folder of its own:
// other test files running at the same time make such copies too.
process.env.TMPDIR = mkdtempSync(join(tmpdir(), 'gc-recordings-test-'));

type Analysis = {
  framesAnalysed: number;
  faceFrames: number;
  facePresence: number;
  presence: string;
  occlusionEvents: unknown[];
  driftMin: number | null;
  identityChanged: boolean;
  mostDifferent: { a: number; b: number; similarity: number } | null;
  idMatch: number | null;
  durationSec: number | null;
};
type RecordingView = {
  id: string;
  jobId: string | null;
  interviewIndex: number;
  status: string;
  error: string | null;
  mediaType: string;
  analysis: Analysis | null;
};
type Uploaded = { recording: RecordingView; interviewIndex: number; jobId: string };
type Subject = {
  bundle: { interviews: Record<string, unknown>[] };
  assessment: { signals: { id: string; severity: string; explanation: string; evidence: string[] }[] };
};

const DAY = 86_400_000;
const videos = makeVideoDir();
const clip: Record<string, Buffer> = {};

beforeAll(async () => {
  const d = videos.dir;
  const make = (name: string, segments: Parameters<typeof makeVideo>[1], opts = {}) =>
    makeVideo(join(d, name), segments, opts);
  make('astronaut.mp4', [{ picture: 'astronaut.png', seconds: 8 }]);
  make('camera.mp4', [{ picture: 'camera.png', seconds: 8 }]);
  make('astronaut.webm', [{ picture: 'astronaut.png', seconds: 6 }]);
  make('switch.mov', [
    { picture: 'astronaut.png', seconds: 4 },
    { picture: 'camera.png', seconds: 4 },
  ]);
  make('coffee.mp4', [{ picture: 'coffee.png', seconds: 4 }]);
  // Index first (faststart): ffprobe accepts it, but most of the picture data is gone.
  make('faststart.mp4', [{ picture: 'astronaut.png', seconds: 8 }], { faststart: true });
  for (const f of await readdir(d)) clip[f] = await readFile(join(d, f));
  const whole = clip['faststart.mp4'] ?? Buffer.alloc(0);
  clip['cut-faststart.mp4'] = whole.subarray(0, Math.floor(whole.length * 0.3));
});
afterAll(() => videos.remove());

function post(client: Client, path: string, body: Uint8Array, headers: Record<string, string> = {}) {
  return client.request(path, {
    method: 'POST',
    headers: { 'content-type': 'application/octet-stream', ...headers },
    body,
  } as RequestInit);
}

for (const dialect of dialects) {
  describe(`interview recordings API (${dialect})`, () => {
    let t: DocumentServer;
    let recruiter: Client;
    let viewer: Client;

    async function uploadTo(subject: string, index: number, file: string): Promise<Uploaded> {
      const res = await post(
        recruiter,
        `/api/v1/subjects/${subject}/interviews/${index}/recording?name=${file}`,
        clip[file] ?? new Uint8Array(),
      );
      expect(res.status, await res.clone().text()).toBe(202);
      return (await res.json()) as Uploaded;
    }

    async function analysed(subject: string, up: Uploaded): Promise<RecordingView> {
      const job = await finishedJob(recruiter, up.jobId);
      expect(job.status, JSON.stringify(job)).toBe('succeeded');
      const list = (await (
        await viewer.request(`/api/v1/subjects/${subject}/recordings`)
      ).json()) as RecordingView[];
      const rec = list.find((r) => r.id === up.recording.id);
      if (!rec) throw new Error('recording not listed');
      return rec;
    }

    async function subject(id: string): Promise<Subject> {
      return (await (await viewer.request(`/api/v1/subjects/${id}`)).json()) as Subject;
    }

    async function storedFiles(): Promise<string[]> {
      const out: string[] = [];
      for (const e of await readdir(join(t.dataDir, 'files'), { withFileTypes: true, recursive: true }).catch(
        () => [],
      ))
        if (e.isFile()) out.push(e.name);
      return out.sort();
    }

    beforeAll(async () => {
      t = await createDocumentServer(dialect, { GATECHECK_RECORDING_FPS: '1' });
      recruiter = await t.as('recruiter');
      viewer = await t.as('viewer');
      const astronaut = (await analyzeFaceImage(skimageImage('astronaut.png'))).faces[0]?.embedding ?? [];
      expect(astronaut).toHaveLength(1024);
      const iv = (at: string) => ({
        at,
        plannedMode: 'video' as const,
        actualMode: 'video' as const,
        status: 'held' as const,
        cameraOn: true,
      });
      for (const bundle of [
        buildBundle({
          id: 'rec-a',
          name: 'Two People',
          interviews: [iv('2026-03-02T15:00:00Z'), iv('2026-03-09T15:00:00Z')],
          documents: [
            {
              kind: 'passport',
              faceFound: true,
              faceEmbedding: astronaut.map((x) => Math.round(x * 1e4) / 1e4),
            },
          ] as never,
        }),
        buildBundle({ id: 'rec-b', name: 'One Person', interviews: [iv('2026-03-02T15:00:00Z')] }),
        buildBundle({
          id: 'rec-c',
          name: 'Odd Recordings',
          interviews: [iv('2026-03-02T15:00:00Z'), iv('2026-03-03T15:00:00Z')],
        }),
      ]) {
        const res = await recruiter.request('/api/v1/subjects', { method: 'POST', json: bundle });
        expect(res.status, await res.clone().text()).toBe(201);
      }
    });
    afterAll(() => t?.close());

    it('another person in the second interview: frames written, interview.person-changed fires, ID match named', async () => {
      const first = await analysed('rec-a', await uploadTo('rec-a', 0, 'astronaut.mp4'));
      const up = await uploadTo('rec-a', 1, 'camera.mp4');
      expect(up.recording).toMatchObject({ status: 'analyzing', mediaType: 'video/mp4', interviewIndex: 1 });
      const second = await analysed('rec-a', up);
      const job = await finishedJob(recruiter, up.jobId);
      expect(job).toMatchObject({ progress: 8, total: 8, message: 'frames analysed' });

      expect(first.status).toBe('analyzed');
      expect(first.analysis).toMatchObject({
        framesAnalysed: 8,
        faceFrames: 8,
        facePresence: 1,
        identityChanged: false,
        durationSec: 8,
      });
      expect(first.analysis?.driftMin).toBeGreaterThan(0.95);
      expect(first.analysis?.idMatch).toBeGreaterThan(0.9);
      expect(second.analysis).toMatchObject({ faceFrames: 8, identityChanged: false });
      expect(second.analysis?.idMatch).toBeLessThan(0.6);

      const s = await subject('rec-a');
      const iv0 = s.bundle.interviews[0] as {
        frames: { at: string; faceEmbedding: number[] }[];
        recording: Record<string, unknown>;
      };
      expect(iv0.frames.length).toBeGreaterThanOrEqual(4);
      expect(iv0.frames.length).toBeLessThanOrEqual(12);
      expect(iv0.frames[0]?.at).toBe('2026-03-02T15:00:00.000Z');
      expect(iv0.frames[0]?.faceEmbedding).toHaveLength(1024);
      expect(iv0.frames[0]?.faceEmbedding.every((x) => Math.round(x * 1e4) / 1e4 === x)).toBe(true);
      expect(iv0.recording).toMatchObject({
        fileId: first.id,
        durationSec: 8,
        framesAnalysed: 8,
        faceFrames: 8,
        occlusionEvents: [],
      });
      const signal = s.assessment.signals.find((x) => x.id === 'interview.person-changed');
      expect(signal?.severity).toBe('critical');
      expect(signal?.evidence).toEqual([
        expect.stringMatching(/^interviews\[0\]\.frames\[\d+\]$/),
        expect.stringMatching(/^interviews\[1\]\.frames\[\d+\]$/),
        'interviews[0].recording.idMatch',
        'interviews[1].recording.idMatch',
      ]);
      expect(signal?.explanation).toMatch(
        /^The face captured in interview 1 does not match the face captured in interview 2 \(face distance 0\.[5-7]\d; the same person is normally under 0\.35\)\. Against the ID photo: the face in interview 1 matches it \(similarity 0\.9\d\); the face in interview 2 does not match it \(similarity 0\.[2-5]\d\)\.$/,
      );

      const audit = (await listAuditEntries(t.db.db, { targetType: 'subject', limit: 1000 })).map(
        (e) => e.action,
      );
      expect(audit.filter((a) => a === 'recording.uploaded')).toHaveLength(2);
      expect(audit.filter((a) => a === 'recording.analyzed')).toHaveLength(2);
      // Stored encrypted: the files on disk are not the videos.
      const files = await storedFiles();
      expect(files).toHaveLength(2);
    });

    it('the same person again (a new interview from /recordings?at=, WebM): no person-changed', async () => {
      await analysed('rec-b', await uploadTo('rec-b', 0, 'astronaut.mp4'));
      const res = await post(
        recruiter,
        '/api/v1/subjects/rec-b/recordings?at=2026-03-10T16:00:00Z&name=call.webm',
        clip['astronaut.webm'] ?? new Uint8Array(),
      );
      expect(res.status, await res.clone().text()).toBe(202);
      const up = (await res.json()) as Uploaded;
      expect(up.interviewIndex).toBe(1);
      const rec = await analysed('rec-b', up);
      expect(rec.mediaType).toBe('video/webm');
      expect(rec.analysis).toMatchObject({ faceFrames: 6, identityChanged: false, idMatch: null });
      const s = await subject('rec-b');
      expect(s.bundle.interviews[1]).toMatchObject({
        at: '2026-03-10T16:00:00Z',
        actualMode: 'video',
        recording: { fileId: rec.id },
      });
      expect(s.assessment.signals.map((x) => x.id)).not.toContain('interview.person-changed');
    });

    it('a person switching mid-way is reported as drift; a landscape has no face and does not fail', async () => {
      const sw = await analysed('rec-c', await uploadTo('rec-c', 0, 'switch.mov'));
      expect(sw.mediaType).toBe('video/quicktime');
      expect(sw.analysis).toMatchObject({ framesAnalysed: 8, faceFrames: 8, identityChanged: true });
      expect(sw.analysis?.mostDifferent?.similarity).toBeLessThan(0.6);
      expect(sw.analysis?.mostDifferent?.a).toBeLessThan(4);
      expect(sw.analysis?.mostDifferent?.b).toBeGreaterThanOrEqual(4);
      expect(sw.analysis?.driftMin).toBeLessThan(0.95);

      const none = await analysed('rec-c', await uploadTo('rec-c', 1, 'coffee.mp4'));
      expect(none.analysis).toMatchObject({
        framesAnalysed: 4,
        faceFrames: 0,
        facePresence: 0,
        presence: '----',
        driftMin: null,
        identityChanged: false,
      });
      const s = await subject('rec-c');
      expect(s.bundle.interviews[1]).toMatchObject({ frames: [], recording: { faceFrames: 0 } });
    });

    it('refuses a cut-short MP4, a text file named .mp4 and an upload over the limit, storing nothing', async () => {
      const before = await storedFiles();
      const rows = (await (await viewer.request('/api/v1/subjects/rec-c/recordings')).json()) as unknown[];
      const full = clip['astronaut.mp4'] ?? Buffer.alloc(0);
      const cut = await post(
        recruiter,
        '/api/v1/subjects/rec-c/interviews/0/recording?name=cut.mp4',
        full.subarray(0, Math.floor(full.length / 2)),
      );
      expect(cut.status).toBe(422);
      expect(((await cut.json()) as { detail: string }).detail).toMatch(/cannot be read as a video/);
      const text = await post(
        recruiter,
        '/api/v1/subjects/rec-c/interviews/0/recording?name=interview.mp4',
        new TextEncoder().encode('hello, this is not a video at all'),
        { 'content-type': 'video/mp4' },
      );
      expect(text.status).toBe(422);
      expect(((await text.json()) as { detail: string }).detail).toMatch(
        /not a video recording: upload an MP4, WebM or MOV/,
      );
      const png = await post(
        recruiter,
        '/api/v1/subjects/rec-c/interviews/0/recording?name=x.mp4',
        skimageImage('coffee.png'),
      );
      expect(((await png.json()) as { detail: string }).detail).toMatch(
        /The file is a PNG file \(image\/png\)/,
      );
      const missing = await post(recruiter, '/api/v1/subjects/rec-c/interviews/7/recording', full);
      expect(missing.status).toBe(404);
      const noAt = await post(recruiter, '/api/v1/subjects/rec-c/recordings', full);
      expect(noAt.status).toBe(422);
      expect(await storedFiles()).toEqual(before);
      // The private temporary copies ffprobe and ffmpeg read are gone, refused or analysed.
      expect((await readdir(tmpdir())).filter((f) => f.startsWith('gatecheck-recording-'))).toEqual([]);
      expect(await (await viewer.request('/api/v1/subjects/rec-c/recordings')).json()).toHaveLength(
        rows.length,
      );
    });

    it('a video whose data is cut short fails its analysis with a clear reason and leaves the bundle alone', async () => {
      const before = (await subject('rec-b')).bundle.interviews[0];
      const up = await uploadTo('rec-b', 0, 'cut-faststart.mp4');
      const job = await finishedJob(recruiter, up.jobId);
      expect(job.status).toBe('failed');
      expect(String(job.error)).toMatch(
        /damaged or cut short: it should last 8 s but only 1 s could be decoded/,
      );
      const list = (await (
        await viewer.request('/api/v1/subjects/rec-b/recordings')
      ).json()) as RecordingView[];
      expect(list.find((r) => r.id === up.recording.id)).toMatchObject({ status: 'failed', analysis: null });
      expect((await subject('rec-b')).bundle.interviews[0]).toEqual(before);
      const failed = (await listAuditEntries(t.db.db, { targetType: 'subject', limit: 1000 })).filter(
        (e) => e.action === 'recording.analysis_failed',
      );
      expect(failed).toHaveLength(1);
    });

    it('an upload stored just before a crash (no job queued) is analysed at the next start', async () => {
      const id = 'rec-crashed';
      const key = recordingStorageKey(id);
      await documentStore(t.app).put(key, clip['coffee.mp4'] ?? new Uint8Array());
      await insertInterviewRecording(t.db.db, {
        id,
        subjectId: 'rec-c',
        interviewIndex: 1,
        name: 'crashed.mp4',
        mediaType: 'video/mp4',
        bytes: clip['coffee.mp4']?.length ?? 0,
        sha256: 'f'.repeat(64),
        uploadedAt: t.clock.now().toISOString(),
        uploadedBy: { kind: 'system', id: 'system', name: 'Gatecheck' },
        retainUntil: new Date(t.clock.now().getTime() + 30 * DAY).toISOString(),
        storageKey: key,
      });
      expect(await resumeRecordingAnalysis(t.app)).toBe(1);
      expect(await resumeRecordingAnalysis(t.app)).toBe(0);
      const list = (await (
        await viewer.request('/api/v1/subjects/rec-c/recordings')
      ).json()) as RecordingView[];
      const rec = list.find((r) => r.id === id);
      const job = await finishedJob(recruiter, rec?.jobId ?? '');
      expect(job.status).toBe('succeeded');
      const after = (await (
        await viewer.request('/api/v1/subjects/rec-c/recordings')
      ).json()) as RecordingView[];
      expect(after.find((r) => r.id === id)?.analysis).toMatchObject({ framesAnalysed: 4, faceFrames: 0 });
    });

    it('retention deletes the stored videos after the biometric period, 30 days by default (audited); the summaries stay', async () => {
      t.clock.advance(29 * DAY);
      expect((await purgeExpiredDocuments(t.app)).deleted).toBe(0);
      t.clock.advance(2 * DAY);
      const result = await purgeExpiredDocuments(t.app);
      expect(result.deleted).toBe(8);
      expect(await storedFiles()).toEqual([]);
      const list = (await (
        await viewer.request('/api/v1/subjects/rec-a/recordings')
      ).json()) as RecordingView[];
      expect(list.every((r) => r.status === 'deleted' && r.analysis !== null)).toBe(true);
      const audit = (await listAuditEntries(t.db.db, { targetType: 'subject', limit: 1000 })).filter(
        (e) => e.action === 'recording.deleted',
      );
      expect(audit).toHaveLength(8);
      expect(audit[0]?.data).toMatchObject({ reason: 'retention' });
    });
  });
}

describe('recording upload limit', () => {
  it('the upload routes stream their body past the 50 MB /api cap (their own limit applies)', () => {
    expect(isStreamedBodyRoute('POST', '/api/v1/subjects/cand-1/interviews/0/recording')).toBe(true);
    expect(isStreamedBodyRoute('POST', '/api/v1/subjects/cand-1/recordings')).toBe(true);
    expect(isStreamedBodyRoute('GET', '/api/v1/subjects/cand-1/recordings')).toBe(false);
    expect(isStreamedBodyRoute('POST', '/api/v1/subjects/cand-1/interviews/0/recording/x')).toBe(false);
  });

  it('answers 413 past GATECHECK_MAX_RECORDING_BYTES', async () => {
    const t = await createDocumentServer('sqlite', { GATECHECK_MAX_RECORDING_BYTES: '1000' });
    try {
      const recruiter = await t.as('recruiter');
      await recruiter.request('/api/v1/subjects', {
        method: 'POST',
        json: buildBundle({ id: 'rec-l', interviews: [{ at: '2026-03-02T15:00:00Z' }] }),
      });
      const res = await post(
        recruiter,
        '/api/v1/subjects/rec-l/interviews/0/recording',
        clip['coffee.mp4'] ?? new Uint8Array(),
      );
      expect(res.status).toBe(413);
      expect(((await res.json()) as { detail: string }).detail).toMatch(/GATECHECK_MAX_RECORDING_BYTES/);
    } finally {
      await t.close();
    }
  });
});
