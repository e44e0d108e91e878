import { randomBytes } from 'node:crypto'
import type { StoredFile } from './types.js'

/** Files users or the bot sent, addressable by file_id (getFile) and file_path (download). */
export class FileStore {
  readonly #byId = new Map<string, StoredFile>()
  readonly #byPath = new Map<string, StoredFile>()
  #counter = 0

  /** Stores bytes under a new file_id and a path like `documents/file_3.pdf`. */
  add(folder: 'documents' | 'photos', bytes: Buffer, name?: string, mimeType?: string): StoredFile {
    const n = ++this.#counter
    const ext = /\.[A-Za-z0-9]{1,8}$/.exec(name ?? '')?.[0] ?? (folder === 'photos' ? '.jpg' : '')
    const file: StoredFile = {
      fileId: `${folder === 'photos' ? 'AgAC' : 'BQAC'}${n}-${randomBytes(12).toString('base64url')}`,
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
