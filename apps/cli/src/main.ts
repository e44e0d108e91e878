#!/usr/bin/env node
// The `switchboard` bin: runs one command and exits with its code.
import { runCli } from './cli.js'

process.exitCode = await runCli(process.argv.slice(2), process.env, {
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
})
