// Interview recordings: upload to an interview of the bundle (or as a new video interview), and the list with
// analysis summaries. The body is the raw video, streamed and read up to GATECHECK_MAX_RECORDING_BYTES.
import { createRoute } from '@hono/zod-openapi';
import { DomainError } from '../../core/errors.ts';
import { listRecordings } from '../../services/list-recordings.ts';
import { type UploadRecordingInput, uploadRecording } from '../../services/upload-recording.ts';
import { access, jsonResponse } from '../openapi.ts';
import { actorOf, type ServerApp } from '../types.ts';
import { chunksOf, declaredLength } from './body-stream.ts';
import { IdParamSchema } from './common.schemas.ts';
import { BinarySchema } from './documents.schemas.ts';
import {
  NewInterviewRecordingQuerySchema,
  RecordingInterviewParamsSchema,
  RecordingListSchema,
  RecordingUploadedSchema,
  RecordingUploadQuerySchema,
} from './recordings.schemas.ts';

const tags = ['Recordings'];

const ABOUT =
  'The body is the video itself (MP4, WebM or MOV; the declared Content-Type and the name are ignored: the type is read from the content), read up to GATECHECK_MAX_RECORDING_BYTES (default 500 MiB; 413 past it). ' +
  'The video is checked with ffprobe before it is stored: a damaged file, one without a picture or longer than 3 hours is refused with 422 and nothing is stored. ' +
  "It needs Debian's ffmpeg on the server (409 saying so when /usr/bin/ffmpeg is missing). " +
  'The video is stored encrypted and kept GATECHECK_DOCUMENT_RETENTION_DAYS; the analysis (face presence, occlusion events, identity drift, ID-photo match) runs as a job whose progress is GET /api/v1/jobs/{jobId}, and writes interviews[i].frames and interviews[i].recording.';

const uploadToInterview = createRoute({
  ...access('subjects:write', { body: 'stream', description: ABOUT }),
  method: 'post',
  path: '/subjects/{id}/interviews/{index}/recording',
  tags,
  summary: 'Upload the recording of an interview listed in the bundle',
  request: {
    params: RecordingInterviewParamsSchema,
    query: RecordingUploadQuerySchema,
    body: { content: { 'application/octet-stream': { schema: BinarySchema } }, required: true },
  },
  responses: { 202: jsonResponse(RecordingUploadedSchema, 'Stored; the analysis is queued') },
});

const uploadNew = createRoute({
  ...access('subjects:write', {
    body: 'stream',
    description: `For a call the bundle does not list yet: appends a video interview held at \`at\` and attaches the recording to it. ${ABOUT}`,
  }),
  method: 'post',
  path: '/subjects/{id}/recordings',
  tags,
  summary: 'Upload an interview recording as a new video interview',
  request: {
    params: IdParamSchema,
    query: NewInterviewRecordingQuerySchema,
    body: { content: { 'application/octet-stream': { schema: BinarySchema } }, required: true },
  },
  responses: { 202: jsonResponse(RecordingUploadedSchema, 'Stored; the analysis is queued') },
});

const list = createRoute({
  ...access('subjects:read'),
  method: 'get',
  path: '/subjects/{id}/recordings',
  tags,
  summary: "A subject's interview recordings with their analysis, newest first",
  request: { params: IdParamSchema },
  responses: { 200: jsonResponse(RecordingListSchema, 'The recordings') },
});

function bodyOf(request: Request): Pick<UploadRecordingInput, 'body' | 'declaredBytes'> {
  const body = request.body;
  if (body === null)
    throw new DomainError('validation', 'The body is empty: send the video file as the body');
  return {
    body: chunksOf(body),
    declaredBytes: declaredLength(request.headers.get('content-length') ?? undefined),
  };
}

export function registerRecordingRoutes(api: ServerApp): void {
  api.openapi(uploadToInterview, async (c) => {
    const { id, index } = c.req.valid('param');
    const uploaded = await uploadRecording(c.var.ctx, actorOf(c), {
      subjectId: id,
      interviewIndex: index,
      name: c.req.valid('query').name,
      ...bodyOf(c.req.raw),
    });
    return c.json(uploaded, 202);
  });
  api.openapi(uploadNew, async (c) => {
    const query = c.req.valid('query');
    const uploaded = await uploadRecording(c.var.ctx, actorOf(c), {
      subjectId: c.req.valid('param').id,
      at: query.at,
      name: query.name,
      ...bodyOf(c.req.raw),
    });
    return c.json(uploaded, 202);
  });
  api.openapi(list, async (c) =>
    c.json(await listRecordings(c.var.ctx, actorOf(c), c.req.valid('param').id), 200),
  );
}
