import { z } from '@hono/zod-openapi';
import { CaseStatusSchema } from './common.schemas.ts';

export const TransitionBodySchema = z
  .object({ to: CaseStatusSchema, note: z.string().optional() })
  .openapi('CaseTransitionRequest');

export const AssignBodySchema = z
  .object({ userId: z.string().min(1).max(200).nullable() })
  .openapi('CaseAssignRequest');

/** Emptiness and length are checked by the service (422 with the problem). */
export const NoteBodySchema = z.object({ text: z.string() }).openapi('CaseNoteRequest');
