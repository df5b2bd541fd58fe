import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ChecklistItemStatus, ChecklistView } from '../../../core/checklist/checklist.ts';
import type { Band, DetailedAssessment } from '../../../core/types.ts';
import { api } from '../../api/client.ts';

/** GET /subjects/{id}/checklist. */
export type SubjectChecklist = ChecklistView & {
  subjectId: string;
  band: Band | null;
  gaps: DetailedAssessment['gaps'];
};

const enc = encodeURIComponent;
const checklistKey = (id: string) => ['subject', id, 'checklist'] as const;

export function useChecklist(id: string) {
  return useQuery({
    queryKey: checklistKey(id),
    queryFn: () => api<SubjectChecklist>(`/subjects/${enc(id)}/checklist`),
  });
}

export type ChecklistChange = { itemId: string; state: ChecklistItemStatus; note?: string };

/** Marks a step; the subject (its assessment's gaps) and the checklist are refreshed afterwards. */
export function useSetChecklistItem(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ itemId, ...body }: ChecklistChange) =>
      api<SubjectChecklist>(`/subjects/${enc(id)}/checklist/${enc(itemId)}`, { method: 'PUT', body }),
    onSuccess: async (data) => {
      qc.setQueryData(checklistKey(id), data);
      await qc.invalidateQueries({ queryKey: ['subject', id] });
    },
  });
}
