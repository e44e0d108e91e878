import { defineConfig } from 'vitest/config'

// Runs every package's tests in one vitest process (`pnpm vitest`); each package still runs alone.
export default defineConfig({
  test: { projects: ['packages/*', 'apps/*'] },
})
