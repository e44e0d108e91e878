// Lets plain node run the bot's TypeScript sources in a child process, without a build.
// Node 24 strips types itself (--experimental-transform-types also handles parameter properties),
// but sources import `./x.js` as NodeNext requires while the file on disk is `./x.ts`: this
// resolve hook retries such relative `.js` imports as `.ts`.
import { registerHooks } from 'node:module'

registerHooks({
  resolve(specifier, context, nextResolve) {
    try {
      return nextResolve(specifier, context)
    } catch (error) {
      if (error?.code !== 'ERR_MODULE_NOT_FOUND' || !/^\.\.?\/.*\.js$/.test(specifier)) throw error
      return nextResolve(`${specifier.slice(0, -3)}.ts`, context)
    }
  },
})
