import { PageSkeleton } from '@/components/shell/page-skeleton';

export default function Loading() {
  return <PageSkeleton kind="list" label="the launch history" />;
}
