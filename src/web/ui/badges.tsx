import { Badge, Tooltip } from '@mantine/core';
import { CASE_STATUS_LABELS } from '../../core/case/state-machine.ts';
import type { Band, CaseStatus, Severity } from '../api/types.ts';
import {
  BAND_COLORS,
  BAND_HELP,
  BAND_LABELS,
  SEVERITY_COLORS,
  SEVERITY_LABELS,
  STATUS_COLORS,
} from './labels.ts';

export function BandBadge({
  band,
  size = 'md',
}: {
  band: Band | null | undefined;
  size?: 'sm' | 'md' | 'lg';
}) {
  if (!band) {
    return (
      <Badge color="gray" variant="outline" size={size} data-testid="band-badge" data-band="none">
        Not assessed
      </Badge>
    );
  }
  return (
    <Tooltip label={BAND_HELP[band]} withArrow>
      <Badge color={BAND_COLORS[band]} variant="filled" size={size} data-testid="band-badge" data-band={band}>
        {BAND_LABELS[band]}
      </Badge>
    </Tooltip>
  );
}

export function SeverityBadge({ severity }: { severity: Severity }) {
  return (
    <Badge
      color={SEVERITY_COLORS[severity]}
      variant="light"
      data-testid="severity-badge"
      data-severity={severity}
    >
      {SEVERITY_LABELS[severity]}
    </Badge>
  );
}

export function StatusBadge({ status }: { status: CaseStatus }) {
  return (
    <Badge
      color={STATUS_COLORS[status] ?? 'gray'}
      variant="light"
      data-testid="case-status"
      data-status={status}
    >
      {CASE_STATUS_LABELS[status] ?? status}
    </Badge>
  );
}
