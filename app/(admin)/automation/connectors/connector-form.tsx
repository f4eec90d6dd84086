'use client';
// New / edit connector, in a dialog. Used on the Connectors page and "created in place" from the
// Manage Webhook dialog (the seed: *Done* applies the new connector in the webhook). Stored secrets
// are never shown: leave the field empty to keep them. Validation: the API's schema, through the form.
import { useForm, useWatch } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import { CONNECTOR_TYPES, connectorFormDefaults, connectorFormSchema, type ConnectorFormValues, type ConnectorInput, type ConnectorUpdate, type ConnectorView } from '@/lib/connectors/schema';
import { applyFieldErrors } from '@/lib/http/client';
import { FormDialog } from '@/components/ui/form-dialog';
import { TextField } from '@/components/ui/field';
import { Banner } from '@/components/ui/banner';
import { useSaveConnector } from './use-connectors';

export function ConnectorDialog({ connector, onClose, onSaved }: { connector?: ConnectorView; onClose: () => void; onSaved?: (c: ConnectorView) => void }) {
  const save = useSaveConnector(connector?.id);
  const {
    register,
    control,
    handleSubmit,
    setError,
    formState: { errors },
  } = useForm<ConnectorFormValues, unknown, ConnectorInput | ConnectorUpdate>({
    resolver: zodResolver(connectorFormSchema(Boolean(connector))),
    defaultValues: connectorFormDefaults(connector),
  });
  const type = useWatch({ control, name: 'type' });
  const keep = connector ? ' (leave empty to keep the stored one)' : '';

  const onSubmit = handleSubmit(async (body) => {
    try {
      const saved = await save.mutateAsync(body);
      onSaved?.(saved);
      onClose();
    } catch (err) {
      applyFieldErrors(err, setError);
    }
  });
  const formError = save.isError && !Object.keys(errors).length ? save.error.message : null;

  return (
    <FormDialog
      id="connector-form"
      title={connector ? `Edit connector “${connector.name}”` : 'New connector'}
      submitLabel="Done"
      saving={save.isPending}
      onSubmit={onSubmit}
      onClose={onClose}
    >
      {formError && <Banner tone="error">{formError}</Banner>}
      <TextField label="Connector name" error={errors.name?.message} {...register('name')} />
      <div>
        <label htmlFor="connector-type" className="block text-sm font-medium text-slate-700">
          Type
        </label>
        <select
          id="connector-type"
          className="mt-1 block w-full rounded-md border-0 bg-white px-3 py-2 text-sm ring-1 ring-slate-300 ring-inset focus:ring-2 focus:ring-indigo-500 focus:outline-none"
          {...register('type')}
        >
          {CONNECTOR_TYPES.map((t) => (
            <option key={t.key} value={t.key}>
              {t.label}
            </option>
          ))}
        </select>
      </div>
      {type === 'basic' && (
        <div className="grid gap-4 sm:grid-cols-2">
          <TextField label="Login" autoComplete="off" error={errors.login?.message} {...register('login')} />
          <TextField label={`Password${keep}`} type="password" autoComplete="new-password" error={errors.password?.message} {...register('password')} />
        </div>
      )}
      {type === 'bearer' && <TextField label={`Token${keep}`} type="password" autoComplete="off" error={errors.token?.message} {...register('token')} />}
      {type === 'api_key' && (
        <div className="grid gap-4 sm:grid-cols-2">
          <TextField label="Header name" placeholder="X-Api-Key" error={errors.headerName?.message} {...register('headerName')} />
          <TextField label={`Key${keep}`} type="password" autoComplete="off" error={errors.key?.message} {...register('key')} />
        </div>
      )}
      {connector && <p className="text-xs text-slate-500">Stored secret: {connector.secretMasked}</p>}
    </FormDialog>
  );
}
