import { createRequire } from 'node:module'
import { expect, test } from 'vitest'

// pnpm-workspace.yaml's override: node-fetch 2, as telegraf loads it, gets Node's own URL and never
// loads tr46's Unicode table (apps/bot/vendor/whatwg-url-shim).
test("telegraf's node-fetch resolves whatwg-url to the shim handing out Node's URL", () => {
  const fromTelegraf = createRequire(createRequire(import.meta.url).resolve('telegraf'))
  const fromNodeFetch = createRequire(fromTelegraf.resolve('node-fetch'))
  const whatwgUrl = fromNodeFetch('whatwg-url') as { URL: unknown; URLSearchParams: unknown }
  expect(whatwgUrl.URL).toBe(URL)
  expect(whatwgUrl.URLSearchParams).toBe(URLSearchParams)
  fromTelegraf('node-fetch')
  const loaded = Object.keys(fromTelegraf.cache)
  expect(loaded.some((path) => path.includes('node-fetch'))).toBe(true)
  expect(loaded.some((path) => path.includes('tr46'))).toBe(false)
})
