/**
 * The full input of a permission request as a text file, attached before the prompt when the
 * message can't show all of it exactly. Every string field is written byte for byte (invisible
 * characters included), one section per field; each section ends with a marker carrying a random
 * token that appears nowhere in the input, so a field's text can't fake the end of its section.
 */

import { randomBytes } from 'node:crypto'
import { formatCount } from './fit-block.js'
import { compactJson } from './tool-summary.js'
import { showHidden } from './visible-chars.js'

export interface PromptFileRequest {
  toolName: string
  input: unknown
  blockedPath?: string | undefined
  alwaysRule?: string | undefined
}

export interface PromptFile {
  fileName: string
  text: string
}

const MAX_DEPTH = 4

export function promptInputFile(request: PromptFileRequest, cwd?: string): PromptFile {
  const fields = flatten(request.input, '', 0)
  if (request.blockedPath !== undefined) fields.push(['path it would touch', request.blockedPath])
  if (request.alwaysRule !== undefined)
    fields.push(['rule “Always allow” saves', request.alwaysRule])
  const token = tokenNotIn(fields.map(([, value]) => value))
  const sections = fields.map(([name, value]) =>
    [
      `===== ${name} (${formatCount(value.length, 'character')}) =====`,
      value,
      `===== end of ${name} ${token} =====`,
    ].join('\n'),
  )
  const head = [
    `Permission request from Claude Code: ${plainName(request.toolName)}`,
    ...(cwd ? [`Session directory: ${cwd}`] : []),
    'Every field below is exactly as Claude sent it. Each ends with a line',
    `"===== end of <field> ${token} =====" (that token appears nowhere in the input).`,
  ]
  return {
    fileName: `${slug(request.toolName)}-request.txt`,
    text: `${head.join('\n')}\n\n${sections.join('\n\n')}\n`,
  }
}

/** [field path, text] pairs: strings as they are, other values as JSON. */
function flatten(value: unknown, path: string, depth: number): [string, string][] {
  const name = path || 'input'
  if (typeof value === 'string') return [[name, value]]
  if (value === null || typeof value !== 'object' || depth >= MAX_DEPTH)
    return [[name, compactJson(value, 2)]]
  const entries = Array.isArray(value)
    ? value.map((item, i) => [`${path}[${i}]`, item] as const)
    : Object.entries(value).map(([key, item]) => {
        const safe = plainName(key)
        return [path ? `${path}.${safe}` : safe, item] as const
      })
  if (entries.length === 0) return [[name, compactJson(value)]]
  return entries.flatMap(([child, item]) => flatten(item, child, depth + 1))
}

function tokenNotIn(values: string[]): string {
  for (;;) {
    const token = randomBytes(6).toString('hex')
    if (!values.some((v) => v.includes(token))) return token
  }
}

/** A key or tool name as one visible line: quoted (JSON) unless it is a plain identifier. */
function plainName(name: string): string {
  return /^[\w$-]+$/.test(name) ? name : JSON.stringify(showHidden(name).text)
}

/** A file name part from a tool name: "mcp__db__query" → "mcp-db-query". */
function slug(name: string): string {
  const s = name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
  return s.slice(0, 40) || 'tool'
}
