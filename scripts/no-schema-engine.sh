#!/bin/sh
echo "Hookline: the Prisma schema engine is not used here (offline). Apply migrations with npm run db:migrate; print the schema SQL with npm run db:schema-sql." >&2
exit 1
