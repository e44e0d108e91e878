import { describe, expect, it } from 'vitest'
import { catchError } from '../test/catch-error.js'
import { makeManager } from '../test/manager.js'
import { StorageError, storageErrorOf } from './index.js'
import { writeJsonAtomic } from './json-file.js'

function errno(code: string, path: string): NodeJS.ErrnoException {
  return Object.assign(new Error(`${code}: failed, write '${path}'`), {
    code,
    path,
    syscall: 'write',
  })
}

describe('storage errors', () => {
  it('maps disk-full, permission and read-only errnos to coded StorageErrors, through causes', () => {
    const full = storageErrorOf(errno('ENOSPC', '/data/x.json'))
    expect(full).toMatchObject({ code: 'DISK_FULL', path: '/data/x.json', errno: 'ENOSPC' })
    expect(storageErrorOf(errno('EDQUOT', '/q'))?.code).toBe('DISK_FULL')
    expect(storageErrorOf(errno('EROFS', '/ro'))?.code).toBe('READ_ONLY')
    expect(storageErrorOf(errno('EPERM', '/p'))?.code).toBe('PERMISSION_DENIED')
    const wrapped = new Error('spawn failed', {
      cause: new Error('load', { cause: errno('EACCES', '/a') }),
    })
    expect(storageErrorOf(wrapped)).toMatchObject({ code: 'PERMISSION_DENIED', path: '/a' })
    expect(storageErrorOf(errno('ENOENT', '/x'))).toBeUndefined()
    expect(storageErrorOf('no')).toBeUndefined()
  })

  // Real failures without root tricks: as root chmod does not deny anything, but /sys refuses
  // new files to everyone (EACCES) — the same errno a full permission problem gives.
  it.skipIf(process.platform !== 'linux')(
    'a real refused write comes out of core as a StorageError',
    async () => {
      const error = await catchError(() => writeJsonAtomic('/sys/switchboard-test.json', {}))
      expect(error).toBeInstanceOf(StorageError)
      expect(error).toMatchObject({ code: 'PERMISSION_DENIED', path: '/sys/switchboard-test.json' })

      const manager = makeManager('/sys/switchboard-test-data')
      const created = await catchError(() => manager.create({ owner: '42', name: 'x' }))
      expect(created).toBeInstanceOf(StorageError)
      expect(created).toMatchObject({ code: 'PERMISSION_DENIED' })
    },
  )
})
