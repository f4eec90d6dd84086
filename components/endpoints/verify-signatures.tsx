'use client';
// *Verify signatures*: receiver code for this endpoint in Node, Python, PHP and Go, each with its
// language's Standard Webhooks library (lib/receivers/snippets.ts), to copy. Closed by default; the
// languages are tabs (arrow keys move between them).
import { useId, useMemo, useRef, useState } from 'react';
import { CopyButton } from '@/components/ui/copy-button';
import { receiverSnippets, SECRET_ENV, type SnippetLanguage, type SnippetTarget } from '@/lib/receivers/snippets';

export function VerifySignatures({ target }: { target: SnippetTarget }) {
  const { name, kind, eventType, format } = target;
  const snippets = useMemo(() => receiverSnippets({ name, kind, eventType, format }), [name, kind, eventType, format]);
  const [open, setOpen] = useState(false);
  const [language, setLanguage] = useState<SnippetLanguage>('node');
  const tabs = useRef<(HTMLButtonElement | null)[]>([]);
  const id = useId();
  const current = snippets.find((s) => s.language === language) ?? snippets[0];

  function onTabKey(e: React.KeyboardEvent, index: number) {
    const step = e.key === 'ArrowRight' ? 1 : e.key === 'ArrowLeft' ? -1 : 0;
    if (!step) return;
    e.preventDefault();
    const next = (index + step + snippets.length) % snippets.length;
    setLanguage(snippets[next].language);
    tabs.current[next]?.focus();
  }

  return (
    <section aria-labelledby={`${id}-title`} className="rounded-lg bg-white ring-1 ring-slate-200" data-testid="verify-signatures">
      <button
        type="button"
        aria-expanded={open}
        aria-controls={`${id}-body`}
        onClick={() => setOpen((o) => !o)}
        className="flex w-full items-center justify-between gap-4 rounded-lg px-5 py-4 text-left focus-visible:outline-2 focus-visible:outline-indigo-500"
      >
        <span className="min-w-0">
          <span id={`${id}-title`} className="block text-base font-semibold text-slate-900">
            Verify signatures
          </span>
          <span className="mt-1 block text-sm text-slate-500">Receiver code that checks the webhook-signature header, in Node, Python, PHP and Go.</span>
        </span>
        <svg viewBox="0 0 20 20" fill="currentColor" aria-hidden className={`size-5 shrink-0 text-slate-500 transition-transform ${open ? 'rotate-180' : ''}`}>
          <path d="M5.22 8.22a.75.75 0 0 1 1.06 0L10 11.94l3.72-3.72a.75.75 0 1 1 1.06 1.06l-4.25 4.25a.75.75 0 0 1-1.06 0L5.22 9.28a.75.75 0 0 1 0-1.06Z" />
        </svg>
      </button>
      {open && (
        <div id={`${id}-body`} className="space-y-3 border-t border-slate-200 px-5 py-4">
          <p className="text-sm text-slate-600">
            Set <code className="rounded bg-slate-100 px-1 py-0.5 text-xs">{SECRET_ENV}</code> to this endpoint’s signing secret (shown once when it was created or
            rotated). Each library checks the signature and the timestamp (within 5 minutes) before you read the body.
          </p>
          <div role="tablist" aria-label="Language" className="flex flex-wrap gap-1">
            {snippets.map((s, i) => (
              <button
                key={s.language}
                ref={(el) => {
                  tabs.current[i] = el;
                }}
                type="button"
                role="tab"
                id={`${id}-tab-${s.language}`}
                aria-selected={s.language === current.language}
                aria-controls={`${id}-panel`}
                tabIndex={s.language === current.language ? 0 : -1}
                onClick={() => setLanguage(s.language)}
                onKeyDown={(e) => onTabKey(e, i)}
                className={`rounded-md px-3 py-1.5 text-sm font-medium ${s.language === current.language ? 'bg-indigo-50 text-indigo-700 ring-1 ring-indigo-200' : 'text-slate-600 hover:bg-slate-100'}`}
              >
                {s.label}
              </button>
            ))}
          </div>
          <div role="tabpanel" id={`${id}-panel`} aria-labelledby={`${id}-tab-${current.language}`} className="space-y-2">
            <div className="flex flex-wrap items-center justify-between gap-2">
              <p className="min-w-0 text-xs text-slate-500">
                {current.filename} · <code className="break-all">{current.install}</code>
              </p>
              <CopyButton text={current.code} label={`Copy ${current.label} code`} />
            </div>
            <pre className="max-h-96 overflow-auto rounded-md bg-slate-900 p-4 text-xs leading-relaxed text-slate-100">
              <code data-testid="snippet-code">{current.code}</code>
            </pre>
          </div>
        </div>
      )}
    </section>
  );
}
