#!/usr/bin/env node
// The `switchboard` bin: runs one command and exits with its code.
import { enableCompileCache } from 'node:module'

// Node keeps the compiled modules on disk (its temp dir) for the next run: a desk command starts
// ~30 ms sooner. Enabled before the rest of the bin is loaded.
enableCompileCache?.()
const { runCli } = await import('./cli.js')

process.exitCode = await runCli(process.argv.slice(2), process.env, {
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
})
