/**
 * What a permission prompt shows for each tool: the lines above its main block (the file, whole
 * and absolute), the block itself (a command, a diff, a file's content, or the input as JSON) and
 * the lines below it (Claude's own description, any other input field). Every input field appears
 * somewhere: fields a layout doesn't name are listed under "Other input".
 */

import type { PromptPiece } from './prompt-piece.js'
import * as In from './tool-input.js'
import { compactJson } from './tool-summary.js'

export type PromptBlock =
  | { kind: 'text'; text: string; lang: string }
  | { kind: 'diff'; edits: { old_string: string; new_string: string }[] }

export interface PromptLayout {
  before: string[]
  block: PromptBlock | undefined
  after: string[]
}

/** The layout of tool `name`'s request; `description` is the model's own (the CLI passes it on). */
export function layoutFor(
  name: string,
  input: unknown,
  piece: PromptPiece,
  description: string | undefined,
): PromptLayout {
  const layout = knownLayout(name, input, piece) ?? {
    before: [],
    block: { kind: 'text', text: compactJson(input, 2), lang: 'json' },
    after: [],
    known: undefined,
  }
  const said =
    name === 'Bash'
      ? (In.readInput(In.CommandInput, input)?.description ?? description)
      : description
  const after = [
    ...layout.after,
    ...(said ? [`💬 Claude says: <i>${piece.text(said, 600)}</i>`] : []),
    ...otherInput(input, layout.known, piece),
  ]
  return { before: layout.before, block: layout.block, after }
}

type Known = PromptLayout & { known: readonly string[] | undefined }

function knownLayout(name: string, input: unknown, piece: PromptPiece): Known | undefined {
  const file = (path: string) => `File: ${piece.path(path)}`
  switch (name) {
    case 'Bash': {
      const i = In.readInput(In.CommandInput, input)
      return (
        i && at([], { kind: 'text', text: i.command, lang: 'bash' }, ['command', 'description'])
      )
    }
    case 'Edit': {
      const i = In.readInput(In.EditInput, input)
      const every = i?.replace_all ? ['Replaces <b>every occurrence</b>.'] : []
      return (
        i &&
        at([file(i.file_path), ...every], { kind: 'diff', edits: [i] }, [
          'file_path',
          'old_string',
          'new_string',
          'replace_all',
        ])
      )
    }
    case 'MultiEdit': {
      const i = In.readInput(In.MultiEditInput, input)
      const count = i && `${i.edits.length} edit${i.edits.length === 1 ? '' : 's'}`
      const every = (i?.edits ?? []).flatMap((e, k) => (e.replace_all ? [k + 1] : []))
      const everyLine =
        every.length > 0
          ? [
              `${every.length > 1 ? 'Edits' : 'Edit'} ${every.join(', ')} ${every.length > 1 ? 'replace' : 'replaces'} <b>every occurrence</b>.`,
            ]
          : []
      return (
        i &&
        at([`${file(i.file_path)} (${count})`, ...everyLine], { kind: 'diff', edits: i.edits }, [
          'file_path',
          'edits',
        ])
      )
    }
    case 'Write': {
      const i = In.readInput(In.WriteInput, input)
      if (!i) return undefined
      const lines = i.content.split('\n').length
      const size = `${lines.toLocaleString('en-US')} line${lines === 1 ? '' : 's'}, ${i.content.length.toLocaleString('en-US')} characters`
      const block = { kind: 'text', text: i.content, lang: 'text' } as const
      return at([`New content for ${piece.path(i.file_path)} (${size}):`], block, [
        'file_path',
        'content',
      ])
    }
    case 'Read': {
      const i = In.readInput(In.FilePathInput, input)
      return i && at([file(i.file_path)], undefined, ['file_path'])
    }
    case 'NotebookEdit':
    case 'NotebookRead': {
      const i = In.readInput(In.NotebookInput, input)
      const source = (input as { new_source?: unknown }).new_source
      const block =
        typeof source === 'string'
          ? ({ kind: 'text', text: source, lang: 'text' } as const)
          : undefined
      return (
        i &&
        at([`Notebook: ${piece.path(i.notebook_path)}`], block, [
          'notebook_path',
          ...(block ? ['new_source'] : []),
        ])
      )
    }
    case 'Grep':
    case 'Glob': {
      const i = In.readInput(In.SearchInput, input)
      if (!i) return undefined
      const where = i.path ? piece.path(i.path) : piece.path(piece.cwd ?? '.')
      return at([`Pattern: ${piece.code(i.pattern, 1000)}`, `In: ${where}`], undefined, [
        'pattern',
        'path',
      ])
    }
    case 'ExitPlanMode': {
      // The CLI fills in the plan file's text and path (the model passes no parameters).
      const i = In.readInput(In.PlanInput, input)
      const where = i?.planFilePath ? [`Plan file: ${piece.path(i.planFilePath)}`] : []
      const block = i?.plan
        ? ({ kind: 'text', text: i.plan, lang: 'markdown' } as const)
        : undefined
      return (
        i &&
        at(['Leave plan mode and start on this plan:', ...where], block, ['plan', 'planFilePath'])
      )
    }
    case 'WebFetch': {
      const i = In.readInput(In.UrlInput, input)
      return i && at([`URL: ${piece.code(i.url, 1500)}`], undefined, ['url'])
    }
    case 'SandboxNetworkAccess': {
      // Asked by the CLI itself when a sandboxed command connects to a host not yet allowed.
      const i = In.readInput(In.HostInput, input)
      const lines = [
        `🌐 A command running in the sandbox wants to connect to ${piece.code(i?.host ?? '', 300)}.`,
        'Allow lets commands reach this host until this session’s Claude Code process stops.',
      ]
      return i && at(lines, undefined, ['host'])
    }
    case 'LS': {
      const i = In.readInput(In.PathInput, input)
      return i && at([`Directory: ${piece.path(i.path)}`], undefined, ['path'])
    }
    default:
      return undefined
  }
}

function at(before: string[], block: PromptBlock | undefined, known: readonly string[]): Known {
  return { before, block, after: [], known }
}

/** "Other input: {…}" for the fields the layout didn't show (none for the JSON fallback). */
function otherInput(input: unknown, known: readonly string[] | undefined, piece: PromptPiece) {
  if (!known || input === null || typeof input !== 'object') return []
  const rest = Object.fromEntries(Object.entries(input).filter(([key]) => !known.includes(key)))
  if (Object.keys(rest).length === 0) return []
  return [`Other input: ${piece.code(compactJson(rest), 400)}`]
}
