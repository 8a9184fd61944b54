/** The draggable bar between the flows list and the rest (keyboard: Left/Right). */
export function SplitHandle({ width, onResize }: { width: number; onResize(width: number): void }) {
  const clamp = (w: number) => Math.max(180, Math.min(900, w));
  const onPointerDown = (event: PointerEvent) => {
    const startX = event.clientX;
    const target = event.currentTarget as HTMLElement;
    target.setPointerCapture(event.pointerId);
    const move = (e: PointerEvent) => onResize(clamp(width + e.clientX - startX));
    const up = () => {
      target.removeEventListener('pointermove', move);
      target.removeEventListener('pointerup', up);
    };
    target.addEventListener('pointermove', move);
    target.addEventListener('pointerup', up);
  };
  return (
    <div class="split-handle" role="separator" aria-orientation="vertical" aria-valuenow={width} tabIndex={0} title="Drag to resize"
      onPointerDown={onPointerDown}
      onKeyDown={(e) => {
        if (e.key === 'ArrowLeft') onResize(clamp(width - 20));
        if (e.key === 'ArrowRight') onResize(clamp(width + 20));
      }} />
  );
}
