// For the evaluation (`npm run eval:nl`), the benchmark and tests: the corpus is read from disk.
// `given-text.ts` needs jest's `expect`, so it stays out of this entry (nl's own specs import it).
export { loadCorpus, loadHeldOut, type Corpus, type CorpusCase } from './corpus.ts';
export {
  evaluate,
  evaluationTable,
  EVAL_FIELDS,
  type EvalField,
  type Evaluation,
  type Miss,
} from './evaluate.ts';
