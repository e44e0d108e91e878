import { defineConfig } from 'vitest/config'

// Workspace packages are read from source (the "source" export condition) in unit tests; the bin's
// tests run the built `dist/main.js` (test/global-setup.ts builds it and the packages it uses).
export default defineConfig({
  resolve: { conditions: ['source', 'node', 'import', 'default'] },
  ssr: { resolve: { conditions: ['source', 'node', 'import', 'default'] } },
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    globalSetup: ['test/global-setup.ts'],
    benchmark: { include: ['bench/**/*.bench.ts'] },
  },
})
