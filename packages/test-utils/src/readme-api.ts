import { readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'

/**
 * Every name a package's entry file exports (values and types), following `export * from` into the
 * files it names. Read as text: the entry files are plain lists of `export { … } from '…'` lines.
 */
export function exportedNames(entryFile: string): Set<string> {
  const source = readFileSync(entryFile, 'utf8')
  const names = new Set<string>()
  for (const match of source.matchAll(/export\s+(?:type\s+)?\{([^}]*)\}/g)) {
    for (const part of (match[1] ?? '').split(',')) {
      const name = part
        .trim()
        .replace(/^type\s+/, '')
        .split(/\s+as\s+/)
        .at(-1)
        ?.trim()
      if (name) names.add(name)
    }
  }
  for (const match of source.matchAll(/export\s+\*\s+from\s+'([^']+)'/g)) {
    const target = join(dirname(entryFile), (match[1] ?? '').replace(/\.js$/, '.ts'))
    for (const name of exportedNames(target)) names.add(name)
  }
  const declared =
    /^export\s+(?:declare\s+)?(?:async\s+)?(?:function|class|const|let|type|interface|enum)\s+(\w+)/gm
  for (const match of source.matchAll(declared)) if (match[1]) names.add(match[1])
  return names
}

/** What a README says of a package's API against what the package exports. */
export interface ReadmeApiReport {
  /** Exported but never named in the README. */
  undocumented: string[]
  /** Imported from the package in the README's examples but not exported. */
  notExported: string[]
}

export function checkReadmeApi(options: {
  readme: string
  packageName: string
  exported: ReadonlySet<string>
}): ReadmeApiReport {
  const { readme, packageName, exported } = options
  const words = new Set(readme.match(/[A-Za-z_$][\w$]*/g) ?? [])
  const undocumented = [...exported].filter((name) => !words.has(name)).sort()
  const imported = new Set<string>()
  const from = new RegExp(`import\\s+(?:type\\s+)?\\{([^}]*)\\}\\s+from\\s+'${packageName}'`, 'g')
  for (const match of readme.matchAll(from)) {
    for (const part of (match[1] ?? '').split(',')) {
      const name = part
        .trim()
        .replace(/^type\s+/, '')
        .split(/\s+as\s+/)[0]
        ?.trim()
      if (name) imported.add(name)
    }
  }
  const notExported = [...imported].filter((name) => !exported.has(name)).sort()
  return { undocumented, notExported }
}
