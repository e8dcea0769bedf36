// The sidecar reader/writer, as one import for the rest of the extension.
export { parseSidecar } from './parseSidecar';
export type { ParseOptions } from './parseSidecar';
export { serializeSidecar } from './serializeSidecar';
export type { LoadResult, LoadedSidecar } from './loadedSidecar';
export { validateSidecarData, validateStatuses } from './validate';
