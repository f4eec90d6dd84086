import { PageSkeleton } from '@/components/shell/page-skeleton';

export default function Loading() {
  return <PageSkeleton kind="cards" label="the run" />;
}
