import { randomBytes } from 'node:crypto'
import type { StoredFile } from './types.js'

export type FileFolder = 'documents' | 'photos' | 'voice' | 'music'

// Telegram's file_id prefixes and default extensions per kind (voice notes are .oga, audio .mp3).
const ID_PREFIX: Record<FileFolder, string> = {
  documents: 'BQAC',
  photos: 'AgAC',
  voice: 'AwAC',
  music: 'CQAC',
}
const DEFAULT_EXT: Record<FileFolder, string> = {
  documents: '',
  photos: '.jpg',
  voice: '.oga',
  music: '.mp3',
}

/** Files users or the bot sent, addressable by file_id (getFile) and file_path (download). */
export class FileStore {
  readonly #byId = new Map<string, StoredFile>()
  readonly #byPath = new Map<string, StoredFile>()
  #counter = 0

  /** Stores bytes under a new file_id and a path like `documents/file_3.pdf`. */
  add(folder: FileFolder, bytes: Buffer, name?: string, mimeType?: string): StoredFile {
    const n = ++this.#counter
    const ext = /\.[A-Za-z0-9]{1,8}$/.exec(name ?? '')?.[0] ?? DEFAULT_EXT[folder]
    const file: StoredFile = {
      fileId: `${ID_PREFIX[folder]}${n}-${randomBytes(12).toString('base64url')}`,
      fileUniqueId: `AQAD${n}`,
      filePath: `${folder}/file_${n}${ext}`,
      bytes,
      ...(name === undefined ? {} : { name }),
      ...(mimeType === undefined ? {} : { mimeType }),
    }
    this.#byId.set(file.fileId, file)
    this.#byPath.set(file.filePath, file)
    return file
  }

  byId(fileId: string): StoredFile | undefined {
    return this.#byId.get(fileId)
  }

  byPath(path: string): StoredFile | undefined {
    return this.#byPath.get(path)
  }
}
