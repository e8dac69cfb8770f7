/** A problem that stops the build: it names the file (and line and column where there is one). */
export class BuildError extends Error {
  constructor(
    message: string,
    readonly file?: string,
    readonly line?: number,
    readonly column?: number,
    readonly hint?: string,
  ) {
    super(message);
    this.name = 'BuildError';
  }

  /** `file:line:column: message (hint)`, the way compilers print it. */
  format(): string {
    const where = this.file === undefined ? '' : `${this.file}${this.line === undefined ? '' : `:${this.line}${this.column === undefined ? '' : `:${this.column}`}`}: `;
    return `${where}${this.message}${this.hint ? `\n  ${this.hint}` : ''}`;
  }
}
