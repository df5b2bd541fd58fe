// A drop zone with a "Choose files" button: drag files onto it or pick them. Used by the bundle import
// page and the sanctions-list import; each keeps its own test ids and wording.
import { Button, Paper, Stack, Text } from '@mantine/core';
import { IconFileImport, IconUpload } from '@tabler/icons-react';
import { type DragEvent, type ReactNode, useRef, useState } from 'react';

type Props = {
  /** Called with the dropped or chosen files (the input is reset so the same file can be chosen again). */
  onFiles: (files: File[]) => void;
  accept: string;
  /** Accessible names of the zone and of the hidden file input. */
  zoneLabel: string;
  inputLabel: string;
  title: string;
  hint?: ReactNode;
  disabled?: boolean;
  loading?: boolean;
  compact?: boolean;
  testIds: { zone: string; input: string; choose: string };
};

export function FileDropZone(props: Props) {
  const { onFiles, compact = false, testIds } = props;
  const inputRef = useRef<HTMLInputElement>(null);
  const [dragging, setDragging] = useState(false);

  const hold = (e: DragEvent<HTMLDivElement>) => {
    e.preventDefault();
    e.dataTransfer.dropEffect = 'copy';
    if (!dragging) setDragging(true);
  };

  return (
    <Paper
      withBorder
      p={compact ? 'lg' : 'xl'}
      radius="md"
      data-testid={testIds.zone}
      aria-label={props.zoneLabel}
      onDragEnter={hold}
      onDragOver={hold}
      onDragLeave={() => setDragging(false)}
      onDrop={(e: DragEvent<HTMLDivElement>) => {
        e.preventDefault();
        setDragging(false);
        onFiles(Array.from(e.dataTransfer.files));
      }}
      style={{
        borderStyle: 'dashed',
        borderWidth: 2,
        borderColor: dragging ? 'var(--mantine-color-blue-6)' : undefined,
        background: dragging ? 'var(--mantine-color-blue-0)' : 'var(--mantine-color-white)',
        transition: 'background 120ms',
      }}
    >
      <Stack align="center" gap={compact ? 'xs' : 'sm'} ta="center">
        <IconUpload size={compact ? 32 : 40} color="var(--mantine-color-blue-6)" aria-hidden />
        <Text fw={600} size={compact ? 'sm' : undefined}>
          {props.title}
        </Text>
        {props.hint ? (
          <Text size="sm" c="dimmed">
            {props.hint}
          </Text>
        ) : null}
        <input
          ref={inputRef}
          type="file"
          accept={props.accept}
          multiple
          hidden
          aria-label={props.inputLabel}
          data-testid={testIds.input}
          onChange={(e) => {
            const files = Array.from(e.currentTarget.files ?? []);
            e.currentTarget.value = '';
            onFiles(files);
          }}
        />
        <Button
          leftSection={<IconFileImport size={16} />}
          onClick={() => inputRef.current?.click()}
          loading={props.loading ?? false}
          disabled={props.disabled ?? false}
          data-testid={testIds.choose}
        >
          Choose files
        </Button>
      </Stack>
    </Paper>
  );
}
