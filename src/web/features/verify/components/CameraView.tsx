// The live camera preview (mirrored, as people expect to see themselves) and the "technical details" fold.
import { Box, Code, Table, Text } from '@mantine/core';
import { type ReactNode, useEffect, useRef } from 'react';

export function CameraView({
  stream,
  videoRef,
  mirrored = true,
  children,
  maxWidth = 640,
}: {
  stream: MediaStream;
  videoRef?: React.RefObject<HTMLVideoElement | null>;
  mirrored?: boolean;
  children?: ReactNode;
  maxWidth?: number;
}) {
  const own = useRef<HTMLVideoElement | null>(null);
  const ref = videoRef ?? own;
  useEffect(() => {
    const video = ref.current;
    if (!video) return;
    if (video.srcObject !== stream) video.srcObject = stream;
    void video.play().catch(() => undefined);
  }, [stream, ref]);
  return (
    <Box
      pos="relative"
      w="100%"
      maw={maxWidth}
      mx="auto"
      style={{ borderRadius: 12, overflow: 'hidden' }}
      bg="dark.7"
    >
      <video
        ref={ref}
        muted
        playsInline
        autoPlay
        data-testid="camera-video"
        style={{ width: '100%', display: 'block', transform: mirrored ? 'scaleX(-1)' : undefined }}
      />
      {children}
    </Box>
  );
}

/** A small fold with the numbers a support person may ask for. */
export function TechnicalDetails({ rows }: { rows: [string, string | number | null][] }) {
  return (
    <details data-testid="technical-details">
      <summary>
        <Text span size="sm" c="dimmed">
          Technical details
        </Text>
      </summary>
      <Table fz="xs" mt="xs" withRowBorders={false} verticalSpacing={2}>
        <Table.Tbody>
          {rows.map(([name, value]) => (
            <Table.Tr key={name}>
              <Table.Td c="dimmed" w={160}>
                {name}
              </Table.Td>
              <Table.Td data-testid={`tech-${name.toLowerCase().replace(/[^a-z]+/g, '-')}`}>
                <Code fz="xs">{value === null || value === '' ? '—' : String(value)}</Code>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </details>
  );
}
