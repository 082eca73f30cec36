import {
  FILTER_MAX_DEPTH,
  FILTER_MAX_GROUPS,
  FILTER_MAX_LENGTH,
  type FilterError,
  type FilterExpr,
  type FilterGroup,
  type FilterParseResult,
} from './ast.ts';
import { classifyTerm, TERM_FORMS } from './terms.ts';

/** Thrown inside the parser only; `parseFilter` turns it into a result. */
class Refusal extends Error {
  readonly error: FilterError;
  constructor(error: FilterError) {
    super(error.message);
    this.error = error;
  }
}

// A term runs up to the next operator; `!` is an operator only where a term may start.
const ENDS_TERM = new Set(['&', '|', '(', ')', ',']);
const AFTER_EXPR = ['&', '|', ',', 'end of filter'];

/**
 * Parses a filter in the Todoist-compatible language:
 *
 *   query := expr (',' expr)*      several lists of results
 *   expr  := and ('|' and)*
 *   and   := unary ('&' unary)*
 *   unary := '!' unary | '(' expr ')' | term
 *
 * `&` binds tighter than `|`, as in Todoist. Pure and bounded: at most FILTER_MAX_LENGTH
 * characters, FILTER_MAX_DEPTH nested `(` or `!`, FILTER_MAX_GROUPS lists.
 */
export function parseFilter(text: string): FilterParseResult {
  if (text.length > FILTER_MAX_LENGTH)
    return refuse(
      'too_long',
      FILTER_MAX_LENGTH,
      `a filter is at most ${FILTER_MAX_LENGTH} characters (this one has ${text.length})`,
      [],
    );
  try {
    return { ok: true, query: { groups: new Parser(text).query() } };
  } catch (error) {
    if (error instanceof Refusal) return { ok: false, error: error.error };
    throw error;
  }
}

function refuse(
  kind: FilterError['kind'],
  position: number,
  message: string,
  expected: string[],
): FilterParseResult {
  return { ok: false, error: { kind, position, message, expected } };
}

class Parser {
  private pos = 0;
  private readonly text: string;
  constructor(text: string) {
    this.text = text;
  }

  query(): FilterGroup[] {
    const groups: FilterGroup[] = [];
    for (;;) {
      this.skipSpaces();
      const start = this.pos;
      const expr = this.orExpr(0);
      const text = this.text.slice(start, this.pos).trimEnd();
      groups.push({ start, end: start + text.length, text, expr });
      this.skipSpaces();
      if (this.pos >= this.text.length) return groups;
      if (this.peek() !== ',') this.fail(`unexpected "${this.peek()}"`, AFTER_EXPR);
      if (groups.length >= FILTER_MAX_GROUPS)
        throw new Refusal({
          kind: 'too_many_groups',
          position: this.pos,
          expected: [],
          message: `a filter has at most ${FILTER_MAX_GROUPS} lists separated by ","`,
        });
      this.pos += 1;
    }
  }

  private orExpr(depth: number): FilterExpr {
    let left = this.andExpr(depth);
    while (this.skipSpaces() === '|') {
      this.pos += 1;
      const right = this.andExpr(depth);
      left = { kind: 'or', left, right, start: left.start, end: right.end };
    }
    return left;
  }

  private andExpr(depth: number): FilterExpr {
    let left = this.unary(depth);
    while (this.skipSpaces() === '&') {
      this.pos += 1;
      const right = this.unary(depth);
      left = { kind: 'and', left, right, start: left.start, end: right.end };
    }
    return left;
  }

  private unary(depth: number): FilterExpr {
    const next = this.skipSpaces();
    const start = this.pos;
    if (next === '!' || next === '(') {
      if (depth >= FILTER_MAX_DEPTH)
        throw new Refusal({
          kind: 'too_deep',
          position: start,
          expected: [],
          message: `a filter nests "(" and "!" at most ${FILTER_MAX_DEPTH} deep`,
        });
      this.pos += 1;
      if (next === '!') {
        const operand = this.unary(depth + 1);
        return { kind: 'not', operand, start, end: operand.end };
      }
      const inner = this.orExpr(depth + 1);
      if (this.skipSpaces() !== ')')
        this.fail(this.atEnd() ? 'missing ")"' : `unexpected "${this.peek()}"`, [')', '&', '|']);
      this.pos += 1;
      return inner;
    }
    return this.term();
  }

  private term(): FilterExpr {
    const start = this.pos;
    while (!this.atEnd() && !ENDS_TERM.has(this.peek())) this.pos += 1;
    const raw = this.text.slice(start, this.pos).trimEnd();
    if (raw.length === 0)
      this.fail(this.atEnd() ? 'the filter ends where a term was expected' : `unexpected "${this.peek()}"`, [
        ...TERM_FORMS,
        '(',
        '!',
      ]);
    const classified = classifyTerm(raw, start);
    if (!classified.ok) throw new Refusal(classified.error);
    return classified.term;
  }

  private fail(message: string, expected: string[]): never {
    throw new Refusal({ kind: 'syntax', position: this.pos, expected, message });
  }

  private skipSpaces(): string {
    while (!this.atEnd() && /\s/u.test(this.peek())) this.pos += 1;
    return this.peek();
  }

  private peek(): string {
    return this.text.charAt(this.pos);
  }

  private atEnd(): boolean {
    return this.pos >= this.text.length;
  }
}
