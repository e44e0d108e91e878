import { describe, expect, it } from 'vitest'
import { MarkdownTail } from './markdown-tail.js'

describe('MarkdownTail', () => {
  it('keeps everything while short', () => {
    const tail = new MarkdownTail(100)
    tail.append('**a**\n')
    tail.append('b')
    expect(tail.text).toBe('**a**\nb')
  })

  it('cuts at a line start and re-opens the fence it cut into', () => {
    const tail = new MarkdownTail(40)
    tail.append('Intro\n\n```ts\n')
    for (let i = 0; i < 30; i++) tail.append(`const x${i} = ${i}\n`)
    expect(tail.text.length).toBeLessThanOrEqual(2 * 40 + '```ts\n'.length)
    expect(tail.text.startsWith('```ts\nconst x')).toBe(true)
    tail.append('```\n\nAfter.\n')
    for (let i = 0; i < 10; i++) tail.append(`line ${i}\n`)
    // The fence closed before the next cut: the tail is prose again.
    expect(tail.text.startsWith('```')).toBe(false)
    expect(tail.text.endsWith('line 9\n')).toBe(true)
  })

  it('a closing fence needs the opener’s character and at least its length', () => {
    const tail = new MarkdownTail(10)
    tail.append('````md\n```\nstill code\n~~~~\nmore code here and more\n')
    expect(tail.text.startsWith('````md\n')).toBe(true)
  })
})
