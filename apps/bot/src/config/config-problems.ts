import type { z } from 'zod'

/** One bad or missing variable, and what to do about it. */
export interface ConfigProblem {
  variable: string
  message: string
}

/** Every issue zod found, one problem per variable (the first issue of each). */
export function problemsFromZod(error: z.ZodError): ConfigProblem[] {
  const seen = new Map<string, ConfigProblem>()
  for (const issue of error.issues) {
    const variable = issue.path.join('.') || 'environment'
    if (!seen.has(variable)) seen.set(variable, { variable, message: issue.message })
  }
  return [...seen.values()]
}

export const problemLine = (problem: ConfigProblem) => `${problem.variable}: ${problem.message}`

/**
 * What the operator reads on stderr when the bot can't start: one line for one problem, otherwise a
 * heading and one indented line per problem. `where` says where variables are set.
 */
export function formatConfigProblems(problems: readonly ConfigProblem[], where: string): string {
  const [only] = problems
  if (problems.length === 1 && only) return `${problemLine(only)} (${where})`
  const heading = `${problems.length} settings need fixing before the bot can start (${where}):`
  return [heading, ...problems.map((problem) => `  - ${problemLine(problem)}`)].join('\n')
}
