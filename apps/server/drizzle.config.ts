import { defineConfig } from 'drizzle-kit'

export default defineConfig({
  dialect: 'postgresql',
  schema: ['./src/platform/db/schema.ts', './src/modules/*/schema.ts'],
  // drafts only: committed migrations are reviewed SQL files (see docs/modules.md)
  out: './.tmp/migration-drafts',
})
