import type { Answer } from '../harness/api.ts';
import type { HostileContext } from './context.ts';

/** What a hostile case must get back. */
export type Expectation =
  /** A 4xx application/problem+json naming one of `fields` (none to check: empty). */
  | { refused: string[]; statuses?: number[] }
  /** Refused like that, or accepted with the value cleaned (`clean` says what is wrong, if anything). */
  | { refusedOrCleaned: string[]; clean: (ctx: HostileContext, answer: Answer) => Promise<string | null> }
  /** A 2xx; `check` says what is wrong with what was stored, if anything. */
  | { accepted: true; check?: (ctx: HostileContext, answer: Answer) => Promise<string | null> }
  /** Anything but a 5xx. */
  | { answered: true };

/** Whether a problem names the field: an `errors[].field` equal to it or below it (`tags` names `tags.0`). */
export function namesField(body: unknown, fields: string[]): boolean {
  const errors = (body as { errors?: { field?: unknown }[] } | undefined)?.errors ?? [];
  const named = errors.map((e) => String(e.field ?? '').toLowerCase());
  return fields.some((f) => {
    const field = f.toLowerCase();
    return named.some((n) => n === field || n.startsWith(`${field}.`) || n.split(',').includes(field));
  });
}

function refusal(answer: Answer, fields: string[], statuses?: number[]): string[] {
  const problems: string[] = [];
  const statusOk = statuses ? statuses.includes(answer.status) : answer.status >= 400 && answer.status < 500;
  if (!statusOk) problems.push(`expected ${statuses?.join(' or ') ?? 'a 4xx'}, got ${answer.status}`);
  if (!answer.contentType.startsWith('application/problem+json')) {
    problems.push(`expected application/problem+json, got "${answer.contentType}"`);
  }
  if (fields.length && !namesField(answer.body, fields))
    problems.push(`the problem does not name ${fields.join(' or ')}`);
  return problems.length ? [...problems, `answer: ${answer.text.slice(0, 400)}`] : [];
}

/** What does not hold about the answer. */
export async function judge(
  ctx: HostileContext,
  answer: Answer,
  expectation: Expectation,
): Promise<string[]> {
  if (answer.status >= 500) return [`a server error: ${answer.status} ${answer.text.slice(0, 400)}`];
  if ('refused' in expectation) return refusal(answer, expectation.refused, expectation.statuses);
  if ('refusedOrCleaned' in expectation) {
    if (answer.status >= 200 && answer.status < 300) {
      const wrong = await expectation.clean(ctx, answer);
      return wrong ? [`accepted but not cleaned: ${wrong}`] : [];
    }
    return refusal(answer, expectation.refusedOrCleaned);
  }
  if ('accepted' in expectation) {
    if (answer.status < 200 || answer.status > 299)
      return [`expected a 2xx, got ${answer.status} ${answer.text.slice(0, 400)}`];
    const wrong = await expectation.check?.(ctx, answer);
    return wrong ? [wrong] : [];
  }
  return [];
}
