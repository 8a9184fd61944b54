import { useLayoutEffect, useRef, useState } from 'preact/hooks';

export interface TabBarProps<T extends string> {
  tabs: readonly { id: T; label: string }[];
  active: T;
  onTab(tab: T): void;
  /** The tab list's accessible name. */
  label: string;
}

/**
 * Tabs like DevTools': one Tab stop (the active tab), ←/→ move and select (wrapping), each tab
 * controls the one tab panel. Tabs that do not fit the width (docked right) are hidden from the
 * row and offered in a "»" menu: a native select, so the keyboard, Esc and screen readers work as
 * everywhere else.
 */
export function TabBar<T extends string>({ tabs, active, onTab, label }: TabBarProps<T>) {
  const bar = useRef<HTMLDivElement>(null);
  const [clipped, setClipped] = useState('');

  // Which tabs end past the right edge, keeping room for the menu (hidden tabs keep their width, so measuring stays stable).
  useLayoutEffect(() => {
    const row = bar.current;
    if (!row || typeof ResizeObserver !== 'function') return;
    const observer = new ResizeObserver(() => {
      const ends = [...row.querySelectorAll<HTMLElement>('[role="tab"]')].map((el) => [el.dataset.tab, el.offsetLeft + el.offsetWidth] as const);
      const past = (limit: number) => ends.filter(([, end]) => end > limit).map(([id]) => id).join();
      setClipped(past(row.clientWidth) && past(row.clientWidth - 44));
    });
    observer.observe(row);
    return () => observer.disconnect();
  }, []);

  const hidden = tabs.filter((t) => clipped.split(',').includes(t.id));
  const onKeyDown = (event: KeyboardEvent) => {
    const at = tabs.findIndex((t) => t.id === active);
    const next = event.key === 'ArrowRight' ? at + 1 : event.key === 'ArrowLeft' ? at - 1 : -9;
    if (next === -9) return;
    event.preventDefault();
    const id = tabs[(next + tabs.length) % tabs.length]!.id;
    onTab(id);
    // Focus follows the selection; a tab in the menu hands the focus to the menu.
    requestAnimationFrame(() => bar.current?.querySelector<HTMLElement>(`[data-tab="${id}"]:not(.clipped), [data-tab-more]`)?.focus());
  };
  return (
    <div class="tabs" ref={bar}>
      <div class="tab-list" role="tablist" aria-label={label} onKeyDown={onKeyDown}>
        {tabs.map((t) => {
          const off = hidden.includes(t);
          return (
            <button key={t.id} type="button" role="tab" id={`tab-${t.id}`} class={`tab${active === t.id ? ' active' : ''}${off ? ' clipped' : ''}`}
              aria-selected={active === t.id} aria-controls="details-tabpanel" tabIndex={active === t.id && !off ? 0 : -1}
              data-tab={t.id} onClick={() => onTab(t.id)}>
              {t.label}
            </button>
          );
        })}
      </div>
      {hidden.length > 0 && (
        <select class={`tab-more${hidden.some((t) => t.id === active) ? ' active' : ''}`} data-tab-more="" aria-label="More tabs"
          value={hidden.some((t) => t.id === active) ? active : ''} onChange={(e) => onTab(e.currentTarget.value as T)}>
          <option value="" disabled>»</option>
          {hidden.map((t) => <option key={t.id} value={t.id} data-tab-item={t.id}>{t.label}</option>)}
        </select>
      )}
    </div>
  );
}
