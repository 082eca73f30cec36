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

/** The corpus the engine is tuned on (its misses are fixed and the phrases kept). */
export function loadCorpus(): Corpus {
  return JSON.parse(readFileSync(new URL('./corpus.json', import.meta.url), 'utf8')) as Corpus;
}

/**
 * Phrases written blind before a round of tuning and never tuned against afterwards: the
 * honest figure on text the engine was not fitted to (docs say when each was written).
 */
export function loadHeldOut(): Corpus {
  return JSON.parse(readFileSync(new URL('./held-out.json', import.meta.url), 'utf8')) as Corpus;
}
