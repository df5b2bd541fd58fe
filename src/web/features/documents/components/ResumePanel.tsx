// "Upload resume": a PDF, Word or text resume becomes evidence (contact details, jobs and schools with source
// resume), and the page says what was read from it, with the way to the claims table.
import { Alert, Anchor, Card, List, Progress, Stack, Text, Title } from '@mantine/core';
import { IconCheck } from '@tabler/icons-react';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import type { ResumeImportSummary, SubjectDetail } from '../../../api/types.ts';
import { FileDropZone } from '../../../ui/FileDropZone.tsx';
import { ErrorAlert } from '../../../ui/feedback.tsx';
import { formatDateTime } from '../../../ui/format.ts';
import { resumeSummaryLines } from '../model.ts';
import { uploadResumeFile, useApplySubject } from '../queries.ts';

export function ResumePanel({ detail, canWrite }: { detail: SubjectDetail; canWrite: boolean }) {
  const apply = useApplySubject(detail.id);
  const [progress, setProgress] = useState<{ sent: number; total: number } | null>(null);
  const [summary, setSummary] = useState<ResumeImportSummary | null>(null);
  const [error, setError] = useState<unknown>(null);
  const current = detail.bundle.resume;
  const busy = progress !== null;

  const upload = async (files: File[]) => {
    const file = files[0];
    if (!file || busy) return;
    setError(null);
    setSummary(null);
    setProgress({ sent: 0, total: file.size });
    try {
      const result = await uploadResumeFile(detail.id, file, (sent, total) => setProgress({ sent, total }));
      setSummary(result.summary);
      await apply(result.subject);
    } catch (e) {
      setError(e);
    } finally {
      setProgress(null);
    }
  };

  return (
    <Card withBorder padding="md" data-testid="resume-panel">
      <Stack gap="sm">
        <Title order={3} size="h5">
          Resume
        </Title>
        <Text size="sm" c="dimmed" data-testid="resume-current">
          {current?.file
            ? `On file: ${current.file}${current.parsedAt ? `, read ${formatDateTime(current.parsedAt)}` : ''}. Its contact details, jobs and schools are in the claims table.`
            : 'No resume read yet. Its contact details, jobs and schools become evidence, compared in the claims table.'}
        </Text>
        {canWrite ? (
          <FileDropZone
            compact
            onFiles={(files) => void upload(files)}
            accept=".pdf,.docx,.txt,application/pdf,application/vnd.openxmlformats-officedocument.wordprocessingml.document,text/plain"
            zoneLabel="Drop a resume here"
            inputLabel="Choose a resume file"
            title="Upload resume"
            hint="PDF, Word (.docx) or text, up to 20 MB."
            loading={busy}
            testIds={{ zone: 'resume-drop', input: 'resume-file-input', choose: 'resume-choose' }}
          />
        ) : null}
        {progress ? (
          <Progress
            value={progress.total > 0 ? Math.round((progress.sent / progress.total) * 100) : 0}
            animated
            aria-label="Resume upload"
          />
        ) : null}
        {error ? <ErrorAlert error={error} title="The resume was not read" /> : null}
        {summary ? (
          <Alert
            color="green"
            icon={<IconCheck size={18} />}
            title="Resume read"
            data-testid="resume-summary"
          >
            <List size="sm" spacing={2}>
              {resumeSummaryLines(summary).map((line) => (
                <List.Item key={line}>{line}</List.Item>
              ))}
            </List>
            <Anchor component={Link} to={`/subjects/${encodeURIComponent(detail.id)}?tab=claims`} size="sm">
              Compare it with the other sources
            </Anchor>
          </Alert>
        ) : null}
      </Stack>
    </Card>
  );
}
