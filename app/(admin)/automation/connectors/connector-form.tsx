'use client';
// New / edit connector, in a dialog. Used on the Connectors page and "created in place" from the
// Manage Webhook dialog. Stored secrets are never shown: leave the field empty to keep them.
import { useState } from 'react';
import { CONNECTOR_TYPES, connectorSchema, connectorUpdateSchema, type ConnectorType, type ConnectorView } from '@/lib/connectors/schema';
import { ClientApiError } from '@/lib/http/client';
import { Dialog } from '@/components/ui/dialog';
import { TextField } from '@/components/ui/field';
import { Button } from '@/components/ui/button';
import { Banner } from '@/components/ui/banner';
import { useSaveConnector } from './use-connectors';

type Values = { name: string; type: ConnectorType; login: string; password: string; token: string; headerName: string; key: string };

export function ConnectorDialog({ connector, onClose, onSaved }: { connector?: ConnectorView; onClose: () => void; onSaved?: (c: ConnectorView) => void }) {
  const save = useSaveConnector(connector?.id);
  const [values, setValues] = useState<Values>({
    name: connector?.name ?? '',
    type: connector?.type ?? 'basic',
    login: connector?.login ?? '',
    password: '',
    token: '',
    headerName: connector?.headerName ?? '',
    key: '',
  });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const set = (k: keyof Values) => (e: React.ChangeEvent<HTMLInputElement | HTMLSelectElement>) => setValues((v) => ({ ...v, [k]: e.target.value }));
  const keep = connector ? ' (leave empty to keep the stored one)' : '';

  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    setFormError(null);
    const body =
      values.type === 'basic'
        ? { name: values.name, type: values.type, login: values.login, password: values.password || undefined }
        : values.type === 'bearer'
          ? { name: values.name, type: values.type, token: values.token || undefined }
          : { name: values.name, type: values.type, headerName: values.headerName, key: values.key || undefined };
    const parsed = (connector ? connectorUpdateSchema : connectorSchema).safeParse(body);
    if (!parsed.success) {
      setErrors(Object.fromEntries(parsed.error.issues.map((i) => [i.path.join('.'), i.message])));
      return;
    }
    setErrors({});
    try {
      const saved = await save.mutateAsync(parsed.data);
      onSaved?.(saved);
      onClose();
    } catch (err) {
      if (err instanceof ClientApiError && err.fields) setErrors(Object.fromEntries(Object.entries(err.fields).map(([k, v]) => [k, v[0]])));
      else setFormError((err as Error).message);
    }
  };

  return (
    <Dialog
      open
      onClose={onClose}
      title={connector ? `Edit connector “${connector.name}”` : 'New connector'}
      footer={
        <>
          <Button variant="secondary" onClick={onClose}>
            Cancel
          </Button>
          <Button type="submit" form="connector-form" loading={save.isPending}>
            Save connector
          </Button>
        </>
      }
    >
      <form id="connector-form" onSubmit={submit} noValidate className="space-y-4">
        {formError && <Banner tone="error">{formError}</Banner>}
        <TextField label="Connector name" value={values.name} onChange={set('name')} error={errors.name} />
        <div>
          <label htmlFor="connector-type" className="block text-sm font-medium text-slate-700">
            Type
          </label>
          <select
            id="connector-type"
            value={values.type}
            onChange={set('type')}
            className="mt-1 block w-full rounded-md border-0 bg-white px-3 py-2 text-sm ring-1 ring-slate-300 ring-inset focus:ring-2 focus:ring-indigo-500 focus:outline-none"
          >
            {CONNECTOR_TYPES.map((t) => (
              <option key={t.key} value={t.key}>
                {t.label}
              </option>
            ))}
          </select>
        </div>
        {values.type === 'basic' && (
          <div className="grid gap-4 sm:grid-cols-2">
            <TextField label="Login" value={values.login} onChange={set('login')} error={errors.login} autoComplete="off" />
            <TextField label={`Password${keep}`} type="password" value={values.password} onChange={set('password')} error={errors.password} autoComplete="new-password" />
          </div>
        )}
        {values.type === 'bearer' && <TextField label={`Token${keep}`} type="password" value={values.token} onChange={set('token')} error={errors.token} autoComplete="off" />}
        {values.type === 'api_key' && (
          <div className="grid gap-4 sm:grid-cols-2">
            <TextField label="Header name" placeholder="X-Api-Key" value={values.headerName} onChange={set('headerName')} error={errors.headerName} />
            <TextField label={`Key${keep}`} type="password" value={values.key} onChange={set('key')} error={errors.key} autoComplete="off" />
          </div>
        )}
        {connector && <p className="text-xs text-slate-500">Stored secret: {connector.secretMasked}</p>}
      </form>
    </Dialog>
  );
}
