'use client';
// An actions menu (three dots unless given a `trigger`): opens on click, focuses its first item,
// arrow keys move, Esc closes. Items act (onSelect) or navigate (href); `group` heads a section.
import Link from 'next/link';
import { useEffect, useRef, useState, type ReactNode } from 'react';

export type MenuItem = { label: string; onSelect?: () => void; href?: string; danger?: boolean; hidden?: boolean; group?: string };

export function Menu({ label, items, trigger, width = 'w-48' }: { label: string; items: MenuItem[]; trigger?: ReactNode; width?: string }) {
  const [open, setOpen] = useState(false);
  const ref = useRef<HTMLDivElement>(null);
  const button = useRef<HTMLButtonElement>(null);
  const visible = items.filter((i) => !i.hidden);

  useEffect(() => {
    if (!open) return;
    const menuItems = () => Array.from(ref.current?.querySelectorAll<HTMLElement>('[role="menuitem"]') ?? []);
    menuItems()[0]?.focus();
    const onDown = (e: MouseEvent) => !ref.current?.contains(e.target as Node) && setOpen(false);
    const onKey = (e: KeyboardEvent) => {
      const list = menuItems();
      const at = list.indexOf(document.activeElement as HTMLElement);
      if (e.key === 'Escape') {
        setOpen(false);
        button.current?.focus();
      } else if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
        e.preventDefault();
        list[(at + (e.key === 'ArrowDown' ? 1 : list.length - 1)) % list.length]?.focus();
      }
    };
    document.addEventListener('mousedown', onDown);
    document.addEventListener('keydown', onKey);
    return () => {
      document.removeEventListener('mousedown', onDown);
      document.removeEventListener('keydown', onKey);
    };
  }, [open]);

  return (
    <div ref={ref} className="relative inline-block text-left">
      <button
        ref={button}
        type="button"
        aria-label={trigger ? undefined : label}
        aria-haspopup="menu"
        aria-expanded={open}
        onClick={() => setOpen((o) => !o)}
        className={`rounded-md text-slate-500 hover:bg-slate-100 hover:text-slate-800 focus-visible:outline-2 focus-visible:outline-indigo-600 ${trigger ? 'px-2.5 py-1.5' : 'p-1.5'}`}
      >
        {trigger ?? (
          <svg viewBox="0 0 20 20" className="size-5" fill="currentColor" aria-hidden>
            <path d="M10 3a1.5 1.5 0 1 1 0 3 1.5 1.5 0 0 1 0-3Zm0 5.5a1.5 1.5 0 1 1 0 3 1.5 1.5 0 0 1 0-3Zm1.5 7a1.5 1.5 0 1 0-3 0 1.5 1.5 0 0 0 3 0Z" />
          </svg>
        )}
      </button>
      {open && (
        <div role="menu" aria-label={label} className={`absolute right-0 z-40 mt-1 ${width} overflow-hidden rounded-md bg-white py-1 shadow-lg ring-1 ring-slate-200`}>
          {visible.map((item, i) => {
            const cls = `block w-full px-3 py-2 text-left text-sm hover:bg-slate-100 focus:bg-slate-100 focus:outline-none ${item.danger ? 'text-red-600' : 'text-slate-700'}`;
            const select = () => {
              setOpen(false);
              item.onSelect?.();
            };
            const newGroup = item.group !== undefined && item.group !== visible[i - 1]?.group;
            return (
              <div key={item.label}>
                {i > 0 && item.group !== visible[i - 1]?.group && <div className="my-1 border-t border-slate-100" role="separator" />}
                {newGroup && item.group && <p className="px-3 pt-1 pb-1 text-xs font-semibold text-slate-400 uppercase">{item.group}</p>}
                {item.href ? (
                  <Link role="menuitem" href={item.href} className={cls} onClick={select}>
                    {item.label}
                  </Link>
                ) : (
                  <button type="button" role="menuitem" onClick={select} className={cls}>
                    {item.label}
                  </button>
                )}
              </div>
            );
          })}
        </div>
      )}
    </div>
  );
}
