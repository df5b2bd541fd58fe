/** A file could not be imported. The message names the file, the line/row when known, and what is wrong. */
export class SanctionsImportError extends Error {
  readonly file: string;
  readonly line: number | undefined;
  readonly column: number | undefined;
  readonly reason: string;

  constructor(file: string, reason: string, position: { line?: number; column?: number } = {}) {
    const where =
      position.line === undefined
        ? file
        : `${file}:${position.line}${position.column === undefined ? '' : `:${position.column}`}`;
    super(`${where}: ${reason}`);
    this.name = 'SanctionsImportError';
    this.file = file;
    this.line = position.line;
    this.column = position.column;
    this.reason = reason;
  }
}
