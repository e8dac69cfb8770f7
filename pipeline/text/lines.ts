/** One position mapper for every parser: offsets in a text to 1-based line and column. */

export interface Point {
  line: number;
  column: number;
}

export class LineIndex {
  private readonly starts: number[] = [0];

  constructor(readonly text: string) {
    for (let i = 0; i < text.length; i++) {
      if (text.charCodeAt(i) === 10) this.starts.push(i + 1);
    }
  }

  /** 1-based line and column (in UTF-16 code units, as editors and vfile count) of an offset. */
  point(offset: number): Point {
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - this.starts[lo]! + 1 };
  }

  /** Offset of the start of a 1-based line. */
  offset(line: number): number {
    return this.starts[Math.min(Math.max(line, 1), this.starts.length) - 1]!;
  }

  get lineCount(): number {
    return this.starts.length;
  }

  /** The lines of the text without their terminators, index 0 is line 1. */
  lines(): string[] {
    return this.text.split('\n');
  }
}

/** Cap an excerpt so reports stay readable; the line number leads back to the rest. */
export function excerptOf(raw: string, max = 300): string {
  const trimmed = raw.trim();
  return trimmed.length <= max ? trimmed : `${trimmed.slice(0, max - 1)}…`;
}
