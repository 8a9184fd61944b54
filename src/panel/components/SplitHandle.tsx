import { useLayoutEffect, useRef, useState } from 'preact/hooks';

/**
 * The draggable bar between two panes, like DevTools' own: between the flows list and the rest
 * (a vertical bar, resizes the list's width; keys Left/Right) and between the chain and the step
 * details (a horizontal bar, resizes the chain's height; keys Up/Down).
 */
export interface SplitHandleProps {
  /** `vertical`: a bar between columns. `horizontal`: a bar between rows. */
  orientation: 'vertical' | 'horizontal';
  /** Size in px of the pane before the bar; null while it still has its CSS default size. */
  size: number | null;
  min: number;
  max: number;
  /** What it resizes, e.g. "Width of the flows list": a focusable separator needs a name and a value. */
  label: string;
  onResize(size: number): void;
}

const STEP_PX = 20;

export function SplitHandle({ orientation, size, min, max, label, onResize }: SplitHandleProps) {
  const bar = useRef<HTMLDivElement>(null);
  // The pane's size as laid out (CSS may size it until the user drags): a focusable separator must
  // always say its value (axe: aria-valuenow), so it is measured while the pane has no set size.
  const [measured, setMeasured] = useState<number | null>(null);
  useLayoutEffect(() => {
    const pane = bar.current?.previousElementSibling;
    if (!pane || typeof ResizeObserver !== 'function') return;
    const observer = new ResizeObserver(() => setMeasured(Math.round(pane.getBoundingClientRect()[orientation === 'vertical' ? 'width' : 'height'])));
    observer.observe(pane);
    return () => observer.disconnect();
  }, [orientation]);
  const vertical = orientation === 'vertical';
  const clamp = (px: number) => Math.round(Math.max(min, Math.min(max, px)));
  // The pane's size now: what the user set, or what CSS gave it.
  const current = (bar: HTMLElement) => size ?? bar.previousElementSibling?.getBoundingClientRect()[vertical ? 'width' : 'height'] ?? min;
  const onPointerDown = (event: PointerEvent) => {
    const bar = event.currentTarget as HTMLElement;
    const start = current(bar);
    const from = vertical ? event.clientX : event.clientY;
    bar.setPointerCapture(event.pointerId);
    const move = (e: PointerEvent) => onResize(clamp(start + (vertical ? e.clientX : e.clientY) - from));
    const up = () => {
      bar.removeEventListener('pointermove', move);
      bar.removeEventListener('pointerup', up);
    };
    bar.addEventListener('pointermove', move);
    bar.addEventListener('pointerup', up);
  };
  const [less, more] = vertical ? ['ArrowLeft', 'ArrowRight'] : ['ArrowUp', 'ArrowDown'];
  return (
    <div ref={bar} class={`split-handle ${orientation}`} role="separator" aria-orientation={orientation} aria-label={label}
      aria-valuenow={Math.round(Math.max(min, Math.min(max, size ?? measured ?? min)))} aria-valuemin={min} aria-valuemax={max}
      tabIndex={0} title={label} data-split={orientation}
      onPointerDown={onPointerDown}
      onKeyDown={(e) => {
        if (e.key === less) onResize(clamp(current(e.currentTarget as HTMLElement) - STEP_PX));
        if (e.key === more) onResize(clamp(current(e.currentTarget as HTMLElement) + STEP_PX));
      }} />
  );
}
