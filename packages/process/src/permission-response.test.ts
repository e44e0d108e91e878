import { expect, test } from 'vitest'
import { type PermissionRequest, permissionResponse } from './permissions.js'

const request = { input: { plan: '# p' } } as unknown as PermissionRequest

test('an allow with a mode carries setMode for the session (how the CLI leaves plan mode into acceptEdits)', () => {
  expect(
    permissionResponse(request, { behavior: 'allow', mode: 'acceptEdits' }, undefined),
  ).toEqual({
    behavior: 'allow',
    updatedInput: { plan: '# p' },
    updatedPermissions: [{ type: 'setMode', mode: 'acceptEdits', destination: 'session' }],
  })
})

test('a plain allow carries no updatedPermissions; a deny only its message', () => {
  expect(permissionResponse(request, { behavior: 'allow' }, undefined)).toEqual({
    behavior: 'allow',
    updatedInput: { plan: '# p' },
  })
  expect(permissionResponse(request, { behavior: 'deny', message: 'no' }, [])).toEqual({
    behavior: 'deny',
    message: 'no',
  })
})
