#!/usr/bin/env node
// A stand-in for the Claude Code CLI speaking its stream-json protocol, for fault injection. Used by
// the driver tests (test/*.test.ts) and the pool tests (test/pool/**).
// Behaviour per prompt (first word): ECHO (default) · SLOW <n> (n text deltas 30 ms apart, interruptible) ·
// CRASH (stderr + exit 3 mid-turn) · GARBAGE (non-JSON, split lines, a 5 MB line, unknown types) ·
// HANG (never answers) · PERM <tool> <command…> (asks can_use_tool, reports the answer) ·
// SUBPROCESS (starts a long `sleep` child, answers) · CTRL? (lists control requests received) ·
// ARGV? (answers with its argv) · COST <usd> (this turn's cost; 0.001 otherwise).
// Like the real CLI: the session id is `--resume=<id>`, else SESSION_ID, else a fresh uuid;
// `total_cost_usd` is cumulative over the conversation (across --resume when STATE_DIR is set) and
// `model_usage_since_last_result` carries the turn's own cost.
// Settings (each read as CLAUDE_FAKE_<name> or FAKE_CLAUDE_<name>; the pool filters the child's
// environment and only lets CLAUDE_* through): START_DELAY_MS (slow start), NO_INIT=1 (never ready),
// IGNORE_TERM=1 (ignores SIGTERM and stdin EOF), CONTROL=ignore|error, SESSION_ID, STATE_DIR.
import { spawn } from 'node:child_process'
import { randomUUID } from 'node:crypto'
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { createInterface } from 'node:readline'

const setting = (name) => process.env[`CLAUDE_FAKE_${name}`] ?? process.env[`FAKE_CLAUDE_${name}`]

const resumed = process.argv.find((arg) => arg.startsWith('--resume='))?.slice('--resume='.length)
const SESSION = resumed ?? setting('SESSION_ID') ?? randomUUID()
// Where the conversation's running total survives a restart, as the real CLI keeps it with the session.
const stateDir = setting('STATE_DIR')
const stateFile = stateDir ? join(stateDir, `${SESSION}.cost`) : undefined
let totalCost = stateFile && existsSync(stateFile) ? Number(readFileSync(stateFile, 'utf8')) : 0
let turnCost = 0.001
const addCost = () => {
  totalCost += turnCost
  if (stateFile) writeFileSync(stateFile, String(totalCost))
  const usage = { inputTokens: 3, outputTokens: 5, costUSD: turnCost }
  return {
    total_cost_usd: totalCost,
    modelUsage: { 'fake-model': { ...usage, costUSD: totalCost } },
    model_usage_since_last_result: { 'fake-model': usage },
  }
}
const out = (obj) => process.stdout.write(`${JSON.stringify(obj)}\n`)
const sleep = (ms) => new Promise((r) => setTimeout(r, ms))
const controls = []
const waiting = new Map() // request_id -> resolve, for our can_use_tool requests
let slow // { cancelled: boolean } of a running SLOW turn
let permCount = 0

if (setting('IGNORE_TERM') === '1') {
  process.on('SIGTERM', () => process.stderr.write('ignoring SIGTERM\n'))
  setInterval(() => {}, 1000)
}
process.stderr.write(`fake-claude started with ${process.argv.slice(2).join(' ')}\n`)

const init = () =>
  out({
    type: 'system',
    subtype: 'init',
    session_id: SESSION,
    model: 'fake-model',
    cwd: process.cwd(),
    tools: ['Bash', 'Write'],
    permissionMode: 'default',
    argv: process.argv.slice(2),
  })
const result = (text, extra = {}) =>
  out({
    type: 'result',
    subtype: 'success',
    is_error: false,
    result: text,
    session_id: SESSION,
    ...addCost(),
    usage: {
      input_tokens: 3,
      output_tokens: 5,
      cache_read_input_tokens: 1,
      cache_creation_input_tokens: 2,
    },
    num_turns: 1,
    duration_ms: 7,
    ...extra,
  })
const assistant = (content) =>
  out({
    type: 'assistant',
    message: { role: 'assistant', content },
    parent_tool_use_id: null,
    session_id: SESSION,
  })

async function turn(prompt) {
  const [word, ...rest] = prompt.split(' ')
  turnCost = 0.001
  init()
  switch (word) {
    case 'ARGV?':
      return result(JSON.stringify(process.argv.slice(2)))
    case 'COST':
      turnCost = Number(rest[0])
      return result(`cost ${rest[0]}`)
    case 'SLOW': {
      slow = { cancelled: false }
      const mine = slow
      for (let i = 1; i <= Number(rest[0] ?? 5); i++) {
        if (mine.cancelled) break
        out({
          type: 'stream_event',
          event: {
            type: 'content_block_delta',
            index: 0,
            delta: { type: 'text_delta', text: `tick ${i} ` },
          },
          parent_tool_use_id: null,
        })
        await sleep(30)
      }
      slow = undefined
      if (mine.cancelled) {
        out({
          type: 'user',
          message: {
            role: 'user',
            content: [{ type: 'text', text: '[Request interrupted by user]' }],
          },
        })
        return out({
          type: 'result',
          subtype: 'error_during_execution',
          is_error: true,
          errors: ['interrupted'],
          session_id: SESSION,
          num_turns: 1,
          duration_ms: 5,
        })
      }
      assistant([{ type: 'text', text: 'slow done' }])
      return result('slow done')
    }
    case 'CRASH':
      assistant([{ type: 'text', text: 'about to crash' }])
      process.stderr.write('Error: something broke inside\n    at fake (fake-claude.mjs:1:1)\n')
      await sleep(20)
      return process.exit(3)
    case 'GARBAGE': {
      process.stdout.write('this is not json\n')
      process.stdout.write('{"type":"assistant","message":{"role":"assistant","con')
      await sleep(20)
      process.stdout.write('tent":[{"type":"text","text":"split line"}]}}\n')
      out({ type: 'brand_new_type', payload: 42 })
      out({ type: 'system', subtype: 'brand_new_subtype', x: 1 })
      assistant([
        { type: 'text', text: 'x'.repeat(5 * 1024 * 1024) },
        { type: 'redacted_thinking', data: 'zzz' },
      ])
      return result('after garbage')
    }
    case 'HANG':
      return
    case 'PERM': {
      const [tool, ...command] = rest
      const id = `perm_${++permCount}`
      const input = { command: command.join(' ') }
      assistant([{ type: 'tool_use', id: `toolu_${id}`, name: tool, input }])
      const answer = new Promise((resolve) => waiting.set(id, resolve))
      out({
        type: 'control_request',
        request_id: id,
        request: {
          subtype: 'can_use_tool',
          tool_name: tool,
          input,
          tool_use_id: `toolu_${id}`,
          permission_suggestions: [
            {
              type: 'addRules',
              rules: [{ toolName: tool, ruleContent: input.command }],
              behavior: 'allow',
              destination: 'localSettings',
            },
            { type: 'setMode', mode: 'acceptEdits', destination: 'session' },
          ],
        },
      })
      const response = await answer
      const denied = response.behavior !== 'allow'
      out({
        type: 'user',
        message: {
          role: 'user',
          content: [
            {
              type: 'tool_result',
              tool_use_id: `toolu_${id}`,
              content: denied ? response.message : 'ran',
              is_error: denied,
            },
          ],
        },
      })
      return result(JSON.stringify(response))
    }
    case 'SUBPROCESS': {
      const child = spawn('sleep', ['300'], { stdio: 'ignore' })
      assistant([{ type: 'text', text: String(child.pid) }])
      return result(String(child.pid))
    }
    case 'CTRL?':
      return result(JSON.stringify(controls))
    default:
      assistant([{ type: 'text', text: `echo: ${prompt}` }])
      return result(`echo: ${prompt}`)
  }
}

function control(msg) {
  const { subtype } = msg.request
  controls.push(msg.request)
  const mode = setting('CONTROL')
  if (subtype === 'initialize') {
    if (setting('NO_INIT') === '1') return
    return out({
      type: 'control_response',
      response: {
        subtype: 'success',
        request_id: msg.request_id,
        response: { pid: process.pid, commands: [] },
      },
    })
  }
  if (mode === 'ignore') return
  if (mode === 'error')
    return out({
      type: 'control_response',
      response: { subtype: 'error', request_id: msg.request_id, error: `cannot ${subtype}` },
    })
  if (subtype === 'interrupt' && slow) slow.cancelled = true
  out({
    type: 'control_response',
    response: { subtype: 'success', request_id: msg.request_id, response: {} },
  })
}

const started = sleep(Number(setting('START_DELAY_MS') ?? 0))
let chain = started
const rl = createInterface({ input: process.stdin })
rl.on('line', (line) => {
  const msg = JSON.parse(line)
  // Control messages are handled at once (an interrupt must reach a running turn); turns run in order.
  if (msg.type === 'control_request') started.then(() => control(msg))
  else if (msg.type === 'control_response')
    waiting.get(msg.response.request_id)?.(msg.response.response)
  else if (msg.type === 'user') chain = chain.then(() => turn(msg.message.content))
})
rl.on('close', () => {
  if (setting('IGNORE_TERM') === '1') return
  chain.then(() => process.exit(0))
})
