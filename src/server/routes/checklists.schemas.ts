import { z } from '@hono/zod-openapi';
import { CHECKLIST_ITEM_STATUSES } from '../../core/checklist/checklist.ts';

export const ChecklistItemParamsSchema = z.object({
  id: z
    .string()
    .min(1)
    .max(200)
    .openapi({ param: { name: 'id', in: 'path' }, example: 'cand-0001' }),
  itemId: z
    .string()
    .min(1)
    .max(200)
    .openapi({ param: { name: 'itemId', in: 'path' }, example: 'interview.camera-on' }),
});

/** The state is checked by the service (422 naming the allowed states); not_applicable needs a reason in `note`. */
export const ChecklistChangeBodySchema = z
  .object({
    state: z.string().openapi({ enum: [...CHECKLIST_ITEM_STATUSES], example: 'done' }),
    note: z.string().nullable().optional().openapi({
      description: 'Optional note; required (the reason) when the state is not_applicable.',
    }),
  })
  .openapi('ChecklistChangeRequest');

const ActorSchema = z.object({ kind: z.string(), id: z.string().nullable(), name: z.string() });

const ItemSchema = z
  .looseObject({
    id: z.string(),
    title: z.string(),
    why: z.string(),
    whatToDo: z.string(),
    sources: z.array(z.string()),
    check: z.string().nullable(),
    signals: z.array(z.string()),
    state: z.object({
      itemId: z.string(),
      status: z.enum(['open', 'done', 'not_applicable']),
      note: z.string().nullable(),
      by: ActorSchema.nullable(),
      at: z.string().nullable(),
    }),
  })
  .openapi('ChecklistItem');

const GroupFields = { title: z.string(), items: z.array(ItemSchema), closed: z.number(), total: z.number() };

export const SubjectChecklistSchema = z
  .looseObject({
    subjectId: z.string(),
    band: z.string().nullable(),
    stages: z.array(z.looseObject({ stage: z.string(), ...GroupFields })),
    playbook: z
      .looseObject({
        reason: z.string(),
        phases: z.array(z.looseObject({ phase: z.string(), ...GroupFields })),
      })
      .nullable(),
    gaps: z.array(z.object({ check: z.string(), reason: z.string(), step: z.string() })),
  })
  .openapi('SubjectChecklist');
