import { readFileSync } from 'node:fs';
import type { ParseResult } from '@todo/contracts';

/** One phrase of the corpus and what the engine must make of it (spans are not compared). */
export interface CorpusCase {
  text: string;
  /** Overrides of the corpus reference, for zone and DST cases. */
  now?: string;
  timezone?: string;
  expect: Partial<Omit<ParseResult, 'spans' | 'now' | 'timezone' | 'text'>>;
}

export interface Corpus {
  /** `lists`: the user's lists, which `#Name` may name. */
  reference: { now: string; timezone: string; lists?: { id: string; name: string }[] };
  cases: CorpusCase[];
}

export function loadCorpus(): Corpus {
  return JSON.parse(readFileSync(new URL('./corpus.json', import.meta.url), 'utf8')) as Corpus;
}
