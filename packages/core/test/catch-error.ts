/** Returns what `fn` threw (or rejected with); fails the test if it did not throw. */
export async function catchError(fn: () => unknown): Promise<unknown> {
  try {
    await fn()
  } catch (error) {
    return error
  }
  throw new Error('expected the call to throw')
}
