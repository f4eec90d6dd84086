// Shapes shared by the Manage Webhook dialog (browser) and the routes.
export type RequestWebhookView = {
  id: string;
  name: string;
  description: string | null;
  method: 'GET' | 'POST';
  url: string;
  passHeaders: boolean;
  headers: { name: string; value: string }[];
  authEnabled: boolean;
  connectorId: string | null;
  connectorName: string | null;
  bodyEnabled: boolean;
  bodyFormat: 'json' | 'xml' | 'text';
  body: string;
  /** Which variables the templates use: decides whether a test needs a contact, an event, or both. */
  variables: { event: string[]; contact: string[] };
  lastTestResponse: unknown;
  /** Requests per second workflow runs may send (null: no limit), and at once. */
  rateLimit: number | null;
  maxConcurrency: number;
  deletedAt: string | null;
  updatedAt: string;
};

/** The data a test resolves the templates with. */
export type TestData = { contactId?: string; eventId?: string; event?: Record<string, string> };

export type ResolvedRequest = {
  method: 'GET' | 'POST';
  url: string;
  /** Secrets masked. */
  headers: Record<string, string>;
  body: string | null;
  missing: string[];
  errors: { field: string; message: string }[];
};

export type RequestTestResult = {
  request: ResolvedRequest;
  ok: boolean;
  response: { status: number; headers: Record<string, string>; body: string; json: unknown; durationMs: number } | null;
  error: { kind: string; message: string } | null;
};
