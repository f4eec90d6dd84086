'use client';
// The contact card: every property and field of a contact, each with the name a workflow template
// reads it by (${contact.TOWN}). Opened by the eye icon in the contacts table and the contact picker.
import type { ReactNode } from 'react';
import { contactDisplayName, SUGGESTED_FIELDS, type ContactView } from '@/lib/contacts/schema';
import { Dialog } from '@/components/ui/dialog';
import { Button } from '@/components/ui/button';
import { formatDateTime } from '@/components/ui/format';

const PROPERTIES = [
  ['email', 'Email'],
  ['phone', 'Phone'],
  ['firstName', 'First name'],
  ['lastName', 'Last name'],
  ['externalCustomerId', 'External customer ID'],
] as const;

const FIELD_LABELS: Record<string, string> = { TOWN: 'Town', BIRTHDAY: 'Birthday' };

/** Standard fields first (TOWN, BIRTHDAY), then additional fields by name. */
export function sortedFieldKeys(fields: ContactView['fields']): string[] {
  const rank = (k: string) => {
    const i = (SUGGESTED_FIELDS as readonly string[]).indexOf(k);
    return i === -1 ? SUGGESTED_FIELDS.length : i;
  };
  return Object.keys(fields).sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
}

function Row({ label, variable, children }: { label: string; variable?: string; children: ReactNode }) {
  return (
    <div className="grid grid-cols-[13rem_minmax(0,1fr)] gap-4 px-3 py-1.5">
      <dt className="min-w-0">
        <span className="block text-sm leading-5 text-slate-600">{label}</span>
        {variable && <code className="block truncate font-mono text-[11px] leading-4 text-slate-400">{`\${${variable}}`}</code>}
      </dt>
      <dd className="min-w-0 self-center text-sm break-words text-slate-900">{children}</dd>
    </div>
  );
}

const empty = <span className="text-slate-400">—</span>;

export function ContactCard({ contact }: { contact: ContactView }) {
  const keys = sortedFieldKeys(contact.fields);
  return (
    <div className="space-y-5">
      <section>
        <h3 className="mb-1.5 text-xs font-semibold tracking-wide text-slate-500 uppercase">Contact</h3>
        <dl className="divide-y divide-slate-100 rounded-md ring-1 ring-slate-200">
          {PROPERTIES.map(([key, label]) => (
            <Row key={key} label={label} variable={`contact.${key}`}>
              {contact[key] ?? empty}
            </Row>
          ))}
          <Row label="Contact ID" variable="contact.id">
            <span className="font-mono text-xs">{contact.id}</span>
          </Row>
          <Row label="Created">{formatDateTime(contact.createdAt)}</Row>
        </dl>
      </section>
      <section>
        <h3 className="mb-1.5 text-xs font-semibold tracking-wide text-slate-500 uppercase">Fields</h3>
        {keys.length === 0 ? (
          <p className="rounded-md px-3 py-3 text-sm text-slate-500 ring-1 ring-slate-200">No standard or additional fields yet.</p>
        ) : (
          <dl className="divide-y divide-slate-100 rounded-md ring-1 ring-slate-200">
            {keys.map((key) => {
              const value = contact.fields[key];
              return (
                <Row key={key} label={FIELD_LABELS[key] ?? key} variable={`contact.${key}`}>
                  {value === null || value === '' ? empty : String(value)}
                </Row>
              );
            })}
          </dl>
        )}
      </section>
    </div>
  );
}

export function ContactCardDialog({ contact, onClose }: { contact: ContactView | null; onClose: () => void }) {
  return (
    <Dialog
      open={contact !== null}
      onClose={onClose}
      title={contact ? contactDisplayName(contact) : 'Contact'}
      description="Contact card: standard and additional fields, with the variables workflow webhooks read them by."
      width="max-w-xl"
      footer={<Button onClick={onClose}>Close</Button>}
    >
      {contact && <ContactCard contact={contact} />}
    </Dialog>
  );
}

export function EyeButton({ label, onClick }: { label: string; onClick: () => void }) {
  return (
    <button
      type="button"
      onClick={(e) => {
        e.stopPropagation();
        onClick();
      }}
      aria-label={label}
      title={label}
      className="rounded-md p-1.5 text-slate-400 hover:bg-slate-100 hover:text-indigo-600 focus-visible:outline-2 focus-visible:outline-indigo-600"
    >
      <svg viewBox="0 0 20 20" fill="currentColor" aria-hidden className="size-5">
        <path d="M10 12.5a2.5 2.5 0 1 0 0-5 2.5 2.5 0 0 0 0 5Z" />
        <path
          fillRule="evenodd"
          d="M.664 10.59a1.651 1.651 0 0 1 0-1.186A10.004 10.004 0 0 1 10 3c4.257 0 7.893 2.66 9.336 6.41.147.381.146.804 0 1.186A10.004 10.004 0 0 1 10 17c-4.257 0-7.893-2.66-9.336-6.41ZM14 10a4 4 0 1 1-8 0 4 4 0 0 1 8 0Z"
          clipRule="evenodd"
        />
      </svg>
    </button>
  );
}
