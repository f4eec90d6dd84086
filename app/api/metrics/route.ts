import { withMetricsToken } from '@/lib/auth/route';
import { METRICS_CONTENT_TYPE, metricsText } from '@/lib/metrics/expose';

export const dynamic = 'force-dynamic';

/** Prometheus text format; Bearer HOOKLINE_METRICS_TOKEN, 404 while it is unset (README → Metrics). */
export const GET = withMetricsToken(async () => new Response(await metricsText(), { headers: { 'content-type': METRICS_CONTENT_TYPE } }));
