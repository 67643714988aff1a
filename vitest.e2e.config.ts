import { defineConfig } from 'vitest/config'

// Browser journeys: a real server on an empty data dir, driven by Debian's Chromium.
export default defineConfig({
  test: {
    include: ['tests/e2e/**/*.test.ts'],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    fileParallelism: false,
    pool: 'forks',
  },
})
