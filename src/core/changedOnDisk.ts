// The one error both writers (the extension's and the CLI's) throw when a file changed between
// reading it and writing it back: nothing was written, and the caller reads and merges again.
export class ChangedOnDiskError extends Error {}
