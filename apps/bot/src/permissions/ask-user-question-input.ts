/**
 * Claude Code's AskUserQuestion tool, as its own types describe it (sdk-tools.d.ts,
 * `AskUserQuestionInput`, CLI 2.1.330): `questions[]` of { question, header, options[{ label,
 * description }], multiSelect }, answered by allowing the tool with the same input plus
 * `answers: { [question text]: chosen label }` (several labels joined with ", ").
 */

import { z } from 'zod'

export const ASK_USER_QUESTION_TOOL = 'AskUserQuestion'

const OptionSchema = z.looseObject({
  label: z.string().min(1),
  description: z.string().default(''),
})

const QuestionSchema = z.looseObject({
  question: z.string().min(1),
  header: z.string().default(''),
  options: z.array(OptionSchema).min(1).max(20),
  multiSelect: z.boolean().default(false),
})

export const AskUserQuestionInputSchema = z.looseObject({
  questions: z.array(QuestionSchema).min(1).max(10),
})

export type AskedQuestion = z.output<typeof QuestionSchema>
export type AskUserQuestionInput = z.output<typeof AskUserQuestionInputSchema>

/** The questions of a tool input, or undefined when it is not a valid AskUserQuestion input. */
export function parseQuestions(input: unknown): AskedQuestion[] | undefined {
  const parsed = AskUserQuestionInputSchema.safeParse(input)
  return parsed.success ? parsed.data.questions : undefined
}

/** One question's answer: an option's label, several labels, or what the user typed. */
export type QuestionAnswer =
  | { kind: 'options'; indexes: number[] }
  | { kind: 'typed'; text: string }

/** The text the CLI receives for an answer. */
export function answerText(question: AskedQuestion, answer: QuestionAnswer): string {
  if (answer.kind === 'typed') return answer.text
  return answer.indexes
    .map((i) => question.options[i]?.label)
    .filter((label): label is string => label !== undefined)
    .join(', ')
}

/** The tool input to allow the call with: the original input plus `answers`. */
export function withAnswers(
  input: Record<string, unknown>,
  questions: AskedQuestion[],
  answers: QuestionAnswer[],
): Record<string, unknown> {
  const map: Record<string, string> = {}
  for (const [i, question] of questions.entries()) {
    const answer = answers[i]
    if (answer) map[question.question] = answerText(question, answer)
  }
  return { ...input, answers: map }
}
