import { describe, expect, it } from 'vitest'
import { catchError } from '../test/catch-error.js'
import { InvalidNameError, InvalidOwnerError } from './errors.js'
import { isSessionId, normalizeSessionName, validateOwner } from './names.js'

describe('normalizeSessionName', () => {
  it.each([
    ['main', 'main'],
    ['Main', 'main'],
    ['MY-Project_2.x', 'my-project_2.x'],
    ['0', '0'],
    ['a'.repeat(64), 'a'.repeat(64)],
    ['v1..2', 'v1..2'],
  ])('accepts %j as %j', (input, expected) => {
    expect(normalizeSessionName(input)).toBe(expected)
  })

  it.each([
    ['', 'empty'],
    ['../x', 'path escape'],
    ['/', 'slash'],
    ['a/b', 'slash inside'],
    ['/etc/passwd', 'absolute path'],
    ['a'.repeat(65), '65 characters'],
    ['a\u0000b', 'NUL'],
    ['a\nb', 'newline'],
    ['a\tb', 'tab'],
    ['my session', 'space'],
    [' main', 'leading space'],
    ['.', 'dot'],
    ['..', 'dot dot'],
    ['.hidden', 'leading dot'],
    ['-x', 'leading dash'],
    ['_x', 'leading underscore'],
    ['archive', 'reserved'],
    ['Active', 'reserved after folding'],
    ['con', 'reserved device name'],
    ['\u212A', 'Kelvin sign that folds to k'],
    ['caf\u00e9', 'non-ASCII'],
    ['a\\b', 'backslash'],
  ])('rejects %j (%s)', (input) => {
    expect(() => normalizeSessionName(input)).toThrow(InvalidNameError)
  })

  it('says what is allowed', async () => {
    expect(() => normalizeSessionName('a b')).toThrow(/1-64 characters of a-z, 0-9/)
    expect(() => normalizeSessionName('archive')).toThrow(/reserved/)
    expect(await catchError(() => normalizeSessionName('../x'))).toMatchObject({
      code: 'INVALID_NAME',
      input: '../x',
    })
  })
})

describe('validateOwner', () => {
  it.each(['123456789', 'alice', 'team_a-1', 'x'.repeat(64)])('accepts %j', (owner) => {
    expect(validateOwner(owner)).toBe(owner)
  })

  it.each(['', 'Alice', '../x', 'a/b', '.', 'a b', 'x'.repeat(65), 'é'])('rejects %j', (owner) => {
    expect(() => validateOwner(owner)).toThrow(InvalidOwnerError)
  })
})

describe('isSessionId', () => {
  it('accepts uuids and rejects path segments', () => {
    expect(isSessionId(crypto.randomUUID())).toBe(true)
    for (const bad of ['', '.', '..', '.names', 'a/b', 'A', 'a b'])
      expect(isSessionId(bad)).toBe(false)
  })
})
