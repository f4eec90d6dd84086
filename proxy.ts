// Next 16's proxy (formerly middleware): runs before every page and route handler and adds the
// security headers of lib/http/security-headers.ts, with a fresh CSP nonce per request that Next
// puts on its own scripts, and the request id (x-request-id) the logs name.
import { NextResponse, type NextRequest } from 'next/server';
import { newNonce, securityHeaders } from '@/lib/http/security-headers';
import { REQUEST_ID_HEADER, requestIdOf } from '@/lib/http/request-id';

export function proxy(request: NextRequest) {
  const nonce = newNonce();
  // HOOKLINE_PUBLIC_URL is read directly: the proxy is bundled on its own and needs none of the rest
  // of lib/config.ts (which would insist on DATABASE_URL and the secret).
  const headers = securityHeaders({ nonce, publicUrl: process.env.HOOKLINE_PUBLIC_URL, dev: process.env.NODE_ENV === 'development' });
  const requestHeaders = new Headers(request.headers);
  // Next reads the nonce for its own scripts from this request header; app/layout.tsx reads x-nonce.
  requestHeaders.set('Content-Security-Policy', headers['Content-Security-Policy']);
  requestHeaders.set('x-nonce', nonce);
  // One request id from here on: route handlers log it and answer with it (lib/auth/route.ts); pages get it too.
  const requestId = requestIdOf(request.headers);
  requestHeaders.set(REQUEST_ID_HEADER, requestId);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set(REQUEST_ID_HEADER, requestId);
  for (const [name, value] of Object.entries(headers)) response.headers.set(name, value);
  return response;
}

export const config = {
  // Static build files are immutable and carry no script of ours to protect.
  matcher: ['/((?!_next/static|_next/image|favicon.ico).*)'],
};
