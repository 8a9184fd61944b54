import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';

export interface TabBarProps<T extends string> {
  tabs: readonly { id: T; label: string }[];
  active: T;
  onTab(tab: T): void;
  /** The tab list's accessible name. */
  label: string;
}

/** Room kept at the right for the "more" button when some tabs do not fit. */
const MORE_PX = 36;

/**
 * Tabs like DevTools': one Tab stop (the active tab), ←/→ and Home/End move and select, each tab
 * controls the one tab panel. Tabs that do not fit the width (docked right) are hidden from the
 * row and offered in a "»" menu (Esc closes it).
 */
export function TabBar<T extends string>({ tabs, active, onTab, label }: TabBarProps<T>) {
  const bar = useRef<HTMLDivElement>(null);
  const [clipped, setClipped] = useState<readonly string[]>([]);
  const [menu, setMenu] = useState(false);

  // Which tabs end past the right edge (hidden tabs keep their width, so measuring stays stable).
  useLayoutEffect(() => {
    const row = bar.current;
    if (!row) return;
    const measure = () => {
      const tabEls = [...row.querySelectorAll<HTMLElement>('[role="tab"]')];
      const fits = (limit: number) => tabEls.filter((el) => el.offsetLeft + el.offsetWidth > limit).map((el) => el.dataset.tab ?? '');
      const all = fits(row.clientWidth);
      const next = all.length === 0 ? [] : fits(row.clientWidth - MORE_PX);
      setClipped((old) => (old.join() === next.join() ? old : next));
    };
    measure();
    if (typeof ResizeObserver !== 'function') return;
    const observer = new ResizeObserver(measure);
    observer.observe(row);
    return () => observer.disconnect();
  }, []);

  // An opened menu takes the focus (its first item), so the keyboard can pick at once.
  useEffect(() => {
    if (menu) bar.current?.querySelector<HTMLElement>('.tab-menu-item')?.focus();
  }, [menu]);

  const select = (id: T, focus: boolean) => {
    onTab(id);
    setMenu(false);
    if (!focus) return;
    requestAnimationFrame(() => {
      const target = clipped.includes(id) ? bar.current?.querySelector<HTMLElement>('.tab-more') : bar.current?.querySelector<HTMLElement>(`[data-tab="${id}"]`);
      target?.focus();
    });
  };

  const onKeyDown = (event: KeyboardEvent) => {
    const at = tabs.findIndex((t) => t.id === active);
    const to: Record<string, number> = { ArrowRight: at + 1, ArrowLeft: at - 1, Home: 0, End: tabs.length - 1 };
    const next = to[event.key];
    if (next === undefined) return;
    event.preventDefault();
    select(tabs[(next + tabs.length) % tabs.length]!.id, true);
  };

  const hidden = tabs.filter((t) => clipped.includes(t.id));
  return (
    <div class="tabs" ref={bar}>
      <div class="tab-list" role="tablist" aria-label={label} onKeyDown={onKeyDown}>
        {tabs.map((t) => (
          <button key={t.id} type="button" role="tab" id={`tab-${t.id}`} class={`tab${active === t.id ? ' active' : ''}${clipped.includes(t.id) ? ' clipped' : ''}`}
            aria-selected={active === t.id} aria-controls="details-tabpanel" tabIndex={active === t.id && !clipped.includes(t.id) ? 0 : -1}
            data-tab={t.id} onClick={() => select(t.id, false)}>
            {t.label}
          </button>
        ))}
      </div>
      {hidden.length > 0 && (
        <div class="tab-overflow" onKeyDown={(e) => { if (e.key === 'Escape' && menu) { e.stopPropagation(); setMenu(false); bar.current?.querySelector<HTMLElement>('.tab-more')?.focus(); } }}>
          <button type="button" class={`tab-more${hidden.some((t) => t.id === active) ? ' active' : ''}`} aria-haspopup="menu" aria-expanded={menu}
            aria-label={`More tabs: ${hidden.map((t) => t.label).join(', ')}`} title={hidden.map((t) => t.label).join(', ')} data-tab-more=""
            onClick={() => setMenu(!menu)}>»</button>
          {menu && (
            <div class="tab-menu" role="menu" data-tab-menu="">
              {hidden.map((t) => (
                <button key={t.id} type="button" role="menuitemradio" aria-checked={active === t.id} data-tab-item={t.id} class="tab-menu-item"
                  onClick={() => select(t.id, true)}>{t.label}</button>
              ))}
            </div>
          )}
        </div>
      )}
    </div>
  );
}
