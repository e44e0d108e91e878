// Public API of @switchboard/core. Everything another app may use is re-exported here, and nothing else.

// Errors: every error has a stable `code`.
export * from './errors.js'

// Personas: behaviour templates (system prompt, model, limits).
export * from './persona.js'

// Sessions: metadata on disk.
export * from './session-metadata.js'
