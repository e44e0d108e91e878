import type { FakeReply, RecordedRequest } from './types.js'

// In plan mode the CLI (2.1.330) tells the model where its plan goes in a system reminder of the turn's
// request: "No plan file exists yet. You should create your plan at <path> using the Write tool." or
// "A plan file exists at <path> from your previous planning session."
const PLAN_PATH = /(?:create your plan at|A plan file exists at) (\/\S+?\.md)/

/** The plan file the CLI named in `req` (plan mode only), or undefined. */
export function planFilePath(req: RecordedRequest): string | undefined {
  return PLAN_PATH.exec(JSON.stringify(req.messages))?.[1]
}

/**
 * A scenario step writing `plan` to the plan file the CLI named, as a model in plan mode does before
 * calling ExitPlanMode (which then carries the file's text as `plan`). Without a named path the model
 * says so instead, and the test sees why.
 */
export function writePlan(plan: string): (req: RecordedRequest) => FakeReply {
  return (req) => {
    const path = planFilePath(req)
    if (!path) return { kind: 'text', text: 'no plan file was named (is the CLI in plan mode?)' }
    return { kind: 'tool_use', name: 'Write', input: { file_path: path, content: plan } }
  }
}
