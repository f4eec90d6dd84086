// The machine API's path for the screens' route: the same handler, reached with an API key.
export { POST } from '@/app/api/workflows/[id]/activate/route';
