import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { checkReadmeApi, exportedNames } from '@switchboard/test-utils'
import { expect, test } from 'vitest'

// The README is the package's API documentation: it names everything the package exports, and its
// examples import only what the package exports.
test('the README names every export, and its examples import only exports', () => {
  const exported = exportedNames(fileURLToPath(new URL('../src/index.ts', import.meta.url)))
  const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8')
  expect(exported.size).toBeGreaterThan(20)
  expect(checkReadmeApi({ readme, packageName: '@switchboard/process', exported })).toEqual({
    undocumented: [],
    notExported: [],
  })
})
