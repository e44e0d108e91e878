import { defineConfig } from 'vitest/config'

// Workspace packages are read from source (the "source" export condition) in unit tests; the bin's
// tests run the built `dist/main.js` (test/global-setup.ts builds it and the packages it uses).
export default defineConfig({
  resolve: { conditions: ['source', 'node', 'import', 'default'] },
  ssr: { resolve: { conditions: ['source', 'node', 'import', 'default'] } },
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    globalSetup: ['test/global-setup.ts'],
    // Each test runs the bin several times as a process; in CI it shares two cores with the other
    // packages' suites, where 5 s was seen to run out.
    testTimeout: 60_000,
    benchmark: { include: ['bench/**/*.bench.ts'] },
  },
})
