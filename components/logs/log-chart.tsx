'use client';
// Attempts per hour (per day for ranges over a week), successes and failures stacked, over the
// filter's range (the last 24 hours when it has none). Shown on Webhook logs and on the home page.
import Link from 'next/link';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Bar, BarChart, CartesianGrid, Tooltip, XAxis, YAxis } from 'recharts';
import { apiFetch } from '@/lib/http/client';
import { filterToSearchParams, type LogChart as ChartData, type LogFilter } from '@/lib/logs/schema';
import { Banner } from '@/components/ui/banner';

export function useLogChart(filter: LogFilter) {
  return useQuery({
    queryKey: ['logs', 'chart', filter],
    queryFn: () => apiFetch<ChartData>(`/api/logs/chart?${filterToSearchParams(filter)}`),
    placeholderData: keepPreviousData,
  });
}

const COLORS = { success: '#86c5a8', failure: '#e0787a' };

function bucketLabel(iso: string, bucket: ChartData['bucket'], long = false): string {
  const d = new Date(iso);
  if (bucket === 'day') return d.toLocaleDateString(undefined, { day: 'numeric', month: 'short', ...(long ? { year: 'numeric' } : {}) });
  const time = d.toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' });
  return long ? `${d.toLocaleDateString(undefined, { day: 'numeric', month: 'short' })}, ${time}` : time;
}

function rangeLabel(chart: ChartData, filter: LogFilter): string {
  if (!filter.from && !filter.to) return 'last 24 hours';
  const fmt = (iso: string) => new Date(iso).toLocaleString(undefined, { day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' });
  return `${fmt(chart.from)} – ${fmt(chart.to)}`;
}

/** `link`: a link to the Webhook logs (on the home page). */
export function LogChart({ filter, link = false }: { filter: LogFilter; link?: boolean }) {
  const chart = useLogChart(filter);
  const data = chart.data;
  const totals = data?.points.reduce((t, p) => ({ success: t.success + p.success, failure: t.failure + p.failure }), { success: 0, failure: 0 });
  const title = data ? `Attempts per ${data.bucket}, ${rangeLabel(data, filter)}` : 'Attempts per hour';
  const summary = totals ? `${totals.failure.toLocaleString()} failed, ${totals.success.toLocaleString()} succeeded` : '';

  return (
    <figure aria-labelledby="log-chart-title" className="mb-4 rounded-lg bg-white px-4 pt-3 pb-2 ring-1 ring-slate-200">
      <figcaption className="flex flex-wrap items-baseline justify-between gap-x-4 gap-y-1">
        <span id="log-chart-title" className="text-sm font-semibold text-slate-900">
          {title}
        </span>
        <span className="flex items-center gap-4 text-xs text-slate-600">
          <span className="inline-flex items-center gap-1.5">
            <span className="size-2.5 rounded-sm" style={{ background: COLORS.failure }} aria-hidden />
            Failed {totals ? `(${totals.failure.toLocaleString()})` : ''}
          </span>
          <span className="inline-flex items-center gap-1.5">
            <span className="size-2.5 rounded-sm" style={{ background: COLORS.success }} aria-hidden />
            Succeeded {totals ? `(${totals.success.toLocaleString()})` : ''}
          </span>
          {link && (
            <Link href="/audit/webhook-logs" className="font-medium text-indigo-700 hover:underline">
              Webhook logs
            </Link>
          )}
        </span>
      </figcaption>
      {chart.isError ? (
        <div className="py-3">
          <Banner tone="error" title="Could not load the chart">
            {chart.error.message}
          </Banner>
        </div>
      ) : !data ? (
        <div className="h-40 animate-pulse rounded bg-slate-50" aria-label="Loading the chart" />
      ) : (
        <BarChart
          responsive
          style={{ width: '100%', height: 160 }}
          data={data.points}
          margin={{ top: 10, right: 4, bottom: 0, left: -16 }}
          barCategoryGap={data.points.length > 60 ? 0 : 2}
          title={title}
          desc={summary}
        >
          <CartesianGrid vertical={false} stroke="#eef2f6" />
          <XAxis dataKey="t" tickFormatter={(t: string) => bucketLabel(t, data.bucket)} tick={{ fontSize: 11, fill: '#64748b' }} tickLine={false} axisLine={{ stroke: '#cbd5e1' }} minTickGap={24} />
          <YAxis allowDecimals={false} tick={{ fontSize: 11, fill: '#64748b' }} tickLine={false} axisLine={false} width={48} />
          <Tooltip
            cursor={{ fill: '#f1f5f9' }}
            labelFormatter={(t) => bucketLabel(String(t), data.bucket, true)}
            contentStyle={{ fontSize: 12, borderRadius: 6, borderColor: '#e2e8f0' }}
          />
          <Bar dataKey="failure" name="Failed" stackId="a" fill={COLORS.failure} isAnimationActive={false} />
          <Bar dataKey="success" name="Succeeded" stackId="a" fill={COLORS.success} radius={[2, 2, 0, 0]} isAnimationActive={false} />
        </BarChart>
      )}
    </figure>
  );
}
