// Prints the SQL that builds prisma/schema.prisma from an empty database.
// Writing a migration: change schema.prisma, run this, and put the part that is new into
// prisma/migrations/<yyyymmddhhmmss>_<name>/migration.sql; the drift test (tests/db/drift.test.ts)
// fails until the migrations produce exactly what schema.prisma describes.
import { schemaSql } from '@/lib/db/schema-sql';

process.stdout.write(await schemaSql(process.env.DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres'));
