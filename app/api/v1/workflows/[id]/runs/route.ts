// The machine API's path for the screens' route: the same handler, reached with an API key.
export { GET } from '@/app/api/workflows/[id]/runs/route';
