import { defineConfig } from 'vitest/config'

// Workspace packages are read from source (the "source" export condition): no build before tests.
export default defineConfig({
  resolve: { conditions: ['source', 'node', 'import', 'default'] },
  ssr: { resolve: { conditions: ['source', 'node', 'import', 'default'] } },
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    benchmark: { include: ['bench/**/*.bench.ts', 'src/**/*.bench.ts'] },
  },
})
