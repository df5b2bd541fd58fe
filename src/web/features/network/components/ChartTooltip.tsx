// Hover tooltips for the SVG charts (sign-in map, sessions timeline): marks carry a `data-tip` key, the
// chart turns a key into content, and the tooltip box follows the pointer (or a focused mark) inside the
// chart's frame.
import { Paper } from '@mantine/core';
import { type MouseEvent, type ReactNode, type RefObject, useRef, useState } from 'react';

type Tip = { x: number; y: number; content: ReactNode };

export type ChartTooltip = {
  boxRef: RefObject<HTMLDivElement | null>;
  tip: Tip | null;
  /** Shows `content` at the middle of a mark (for keyboard focus). */
  showAt(el: Element, content: ReactNode): void;
  hide(): void;
  /** An onMouseMove handler: the content `tipFor` gives for the `data-tip` key under the pointer, or none. */
  follow(tipFor: (key: string) => ReactNode): (e: MouseEvent<SVGSVGElement>) => void;
};

export function useChartTooltip(): ChartTooltip {
  const boxRef = useRef<HTMLDivElement>(null);
  const [tip, setTip] = useState<Tip | null>(null);
  const showAtPoint = (clientX: number, clientY: number, content: ReactNode) => {
    const box = boxRef.current?.getBoundingClientRect();
    if (!box) return;
    setTip({ x: clientX - box.left, y: clientY - box.top, content });
  };
  return {
    boxRef,
    tip,
    showAt(el, content) {
      const r = el.getBoundingClientRect();
      showAtPoint(r.left + r.width / 2, r.top + r.height / 2, content);
    },
    hide: () => setTip(null),
    follow: (tipFor) => (e) => {
      const key = (e.target as Element).closest('[data-tip]')?.getAttribute('data-tip');
      const content = key ? tipFor(key) : null;
      if (content) showAtPoint(e.clientX, e.clientY, content);
      else setTip(null);
    },
  };
}

/** The chart's frame: the chart, and the tooltip (`width` px wide) placed beside the pointer within it. */
export function ChartFrame({
  tooltip,
  width,
  testId,
  children,
}: {
  tooltip: ChartTooltip;
  width: number;
  testId?: string;
  children: ReactNode;
}) {
  const { boxRef, tip } = tooltip;
  return (
    <div ref={boxRef} style={{ position: 'relative' }}>
      {children}
      {tip ? (
        <Paper
          shadow="md"
          p="xs"
          withBorder
          data-testid={testId}
          style={{
            position: 'absolute',
            left: Math.min(tip.x + 14, (boxRef.current?.clientWidth ?? 600) - width - 10),
            top: tip.y + 14,
            width,
            pointerEvents: 'none',
            zIndex: 5,
          }}
        >
          {tip.content}
        </Paper>
      ) : null}
    </div>
  );
}
