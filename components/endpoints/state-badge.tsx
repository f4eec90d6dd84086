import type { EndpointView } from '@/lib/endpoints/schema';
import { formatDateTime } from '@/components/ui/format';

/** Active / Inactive / Failing ("blocked since …, N waiting"). */
export function StateBadge({ endpoint }: { endpoint: EndpointView }) {
  if (endpoint.state === 'failing') {
    return (
      <span className="inline-flex flex-col">
        <span className="w-fit rounded-full bg-red-50 px-2 py-0.5 text-xs font-medium text-red-700">Failing</span>
        <span className="mt-1 text-xs text-slate-500">
          blocked since {formatDateTime(endpoint.blockedSince)}, {endpoint.waiting} waiting
        </span>
      </span>
    );
  }
  const active = endpoint.state === 'active';
  return (
    <span className="inline-flex flex-col">
      <span className={`w-fit rounded-full px-2 py-0.5 text-xs font-medium ${active ? 'bg-emerald-50 text-emerald-700' : 'bg-slate-100 text-slate-600'}`}>
        {active ? 'Active' : 'Inactive'}
      </span>
      {endpoint.waiting > 0 && <span className="mt-1 text-xs text-slate-500">{endpoint.waiting} waiting</span>}
    </span>
  );
}

export function compactStatuses(statuses: string[]): string {
  if (statuses.length === 8) return 'All 8 statuses';
  const shown = statuses.slice(0, 3).map((s) => s.toLowerCase().replace('_', ' '));
  return statuses.length > 3 ? `${shown.join(', ')} +${statuses.length - 3}` : shown.join(', ');
}
