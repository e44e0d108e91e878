import { defineConfig } from 'vitest/config'

// Workspace packages are read from source (the "source" export condition): no build before tests.
export default defineConfig({
  resolve: { conditions: ['source', 'node', 'import', 'default'] },
  ssr: { resolve: { conditions: ['source', 'node', 'import', 'default'] } },
  test: {
    // The end-to-end files mostly wait (on the bot, the CLI, outages they stage): two at a time
    // keeps CI near half the serial time on 2 cores (vitest's default there is one).
    maxWorkers: 2,
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    benchmark: { include: ['bench/**/*.bench.ts', 'src/**/*.bench.ts'] },
  },
})
