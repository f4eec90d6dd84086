// The security headers of every answer, in one place (applied by proxy.ts at the project root).
// Scripts run only with this request's nonce ('strict-dynamic' lets Next's nonce-carrying bootstrap
// load its chunks); Next reads the nonce from the request's Content-Security-Policy header and puts it
// on its own inline scripts, which is why every page renders dynamically (app/layout.tsx).
//
// Styles: <style> elements and stylesheets need 'self' or the nonce (style-src-elem), but style
// *attributes* are allowed (style-src-attr 'unsafe-inline'): React's style props, recharts' SVG
// positioning and Next's route announcer write them, and a style attribute cannot run script.

export type SecurityHeaderOptions = {
  nonce: string;
  /** HOOKLINE_PUBLIC_URL: https turns on HSTS and upgrade-insecure-requests. */
  publicUrl?: string;
  /** next dev: React needs eval for its debugging, and dev CSS is injected without the nonce. */
  dev?: boolean;
};

export function contentSecurityPolicy({ nonce, publicUrl, dev = false }: SecurityHeaderOptions): string {
  const https = publicUrl?.startsWith('https://') ?? false;
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ''}`,
    `style-src 'self' 'nonce-${nonce}'`,
    `style-src-elem 'self' ${dev ? "'unsafe-inline'" : `'nonce-${nonce}'`}`,
    "style-src-attr 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    ...(https ? ['upgrade-insecure-requests'] : []),
  ].join('; ');
}

export function securityHeaders(options: SecurityHeaderOptions): Record<string, string> {
  return {
    'Content-Security-Policy': contentSecurityPolicy(options),
    // frame-ancestors for current browsers, X-Frame-Options for the rest.
    'X-Frame-Options': 'DENY',
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'strict-origin-when-cross-origin',
    // Nothing in Hookline uses these; clipboard and fullscreen stay at the browser's defaults.
    'Permissions-Policy': 'camera=(), microphone=(), geolocation=(), payment=(), usb=(), serial=(), bluetooth=()',
    ...(options.publicUrl?.startsWith('https://') ? { 'Strict-Transport-Security': 'max-age=31536000; includeSubDomains' } : {}),
  };
}

/** A fresh nonce per request: 128 random bits, base64. */
export function newNonce(): string {
  return Buffer.from(crypto.getRandomValues(new Uint8Array(16))).toString('base64');
}
