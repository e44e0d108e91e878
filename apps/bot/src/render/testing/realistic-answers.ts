/**
 * Answers shaped like Claude Code's (test support): headings, emphasis next to inline code, fenced
 * code with and without a language, a table, nested lists, a quote holding code, links, emoji and
 * the characters HTML must escape. The live-view tests stream every prefix of each.
 */

export const REALISTIC_ANSWERS: readonly string[] = [
  `**Fixed** — \`sum()\` returned \`a - b\` instead of \`a + b\`.

## What changed

| file | change |
|------|--------|
| \`src/sum.js\` | \`-\` → \`+\` (line 3) |
| \`test/sum.test.js\` | new case for **negative** numbers |

\`\`\`js
export function sum(a, b) {
  return a + b // was: a - b
}
\`\`\`

Run \`npm test\` again: all 4 tests pass ✅. See [the docs](https://nodejs.org/api/test.html) & _node:test_ for more.`,

  `I looked at the build and found two problems:

1. **TypeScript** complains about \`noUncheckedIndexedAccess\`:
   \`\`\`ts
   const first = items[0] // Type 'Item | undefined'
   if (first !== undefined && first.price < 10) render(first)
   \`\`\`
2. The *lint* step uses an old rule set:
   - \`biome.json\` sets \`"recommended": false\`
   - ~~eslint~~ is no longer used
     - remove \`.eslintrc\`

> Note: \`pnpm install\` must run first.
> \`\`\`
> pnpm install --frozen-lockfile
> \`\`\`

- [x] fixed the types
- [ ] update the lint config

That's all — ping me if \`a < b && c > d\` still fails 🙂`,

  `Here is the plan:

### Step 1 — reproduce

\`\`\`bash
$ npm test
> sum@1.0.0 test
> node --test

✖ sum adds (1.2ms)
  AssertionError [ERR_ASSERTION]: -1 == 3
\`\`\`

### Step 2 — fix

Change \`src/sum.js\`:

\`\`\`diff
-  return a - b
+  return a + b
\`\`\`

| Test | Before | After |
|:-----|:------:|------:|
| adds | ✖ | ✔ |
| negative | ✖ | ✔ |
| zero | ✔ | ✔ |

***

Done. **Total: 3 passing**, _0 failing_. snake_case_names and 2 * 3 = 6 stay as they are.`,
]
