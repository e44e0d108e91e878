// A separate process holding a desk lease: prints "held" once it has it, then waits to be killed.
import { DeskLeases } from '../../src/desk-lease.ts'

const [dataDir = '', owner = '', id = ''] = process.argv.slice(2)
await new DeskLeases({ dataDir, heartbeatMs: 50 }).acquire(owner, id, { app: 'test-holder' })
process.stdout.write('held\n')
setInterval(() => {}, 1_000)
