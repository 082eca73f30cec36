import type { NlIntent } from '@todo/contracts';

/**
 * How a sentence opens decides what it asks for. Rules run on the lower-cased text after
 * any politeness ("please", "can you"); groups are read with their offsets (`d` flag).
 */
export interface IntentMatch {
  intent: NlIntent;
  /** Verb phrases that say what to do: highlighted as `intent`. */
  verbs: [number, number][];
  target?: [number, number];
  /** Where the task fields are (create, or the changes of an update). */
  body?: [number, number];
  /** rename: the new title. */
  newTitle?: [number, number];
  remindAtDue?: boolean;
  /** An update only counts if the body says something; otherwise it was a title. */
  needsFields?: boolean;
  /** "remind me about x at 5pm": the body names a task and when to remind. */
  reminderOnly?: boolean;
  /** "set priority of x to low": the body is a bare priority word. */
  priorityOnly?: boolean;
}

interface Rule {
  re: RegExp;
  build(m: RegExpExecArray, at: (group: number) => [number, number]): IntentMatch;
}

const DONE = String.raw`(?:done|complete|completed|finished|checked(?:\s+off)?|ticked(?:\s+off)?)`;
const NOT_DONE = String.raw`(?:not\s+done|undone|open|incomplete|not\s+complete|not\s+completed|not\s+finished|to\s*do|unfinished)`;
const END = String.raw`\s*[.!]*\s*$`;

const RULES: Rule[] = [
  {
    re: /^(?:help|\?+|what can you do|what do you (?:understand|do)|how does (?:this|it) work|commands|usage|examples?)\s*[?!.]*\s*$/d,
    build: (m, at) => ({ intent: 'help', verbs: [at(0)] }),
  },
  {
    re: /^(?:undo|undo (?:that|it|this|the last (?:one|action|change|thing)|last)|revert(?: that| it| the last (?:one|action|change))?|take (?:that|it) back|oops,? undo(?: that)?)\s*[?!.]*\s*$/d,
    build: (m, at) => ({ intent: 'undo', verbs: [at(0)] }),
  },
  {
    re: /^(snooze(?:\s+the\s+reminder\s+(?:for|of|on)|\s+reminder\s+(?:for|of|on))?)(?:\s+(.*))?$/d,
    build: (m, at) => ({ intent: 'snooze_reminder', verbs: [at(1)], ...(m[2] ? { body: at(2) } : {}) }),
  },
  // reopen before complete: "mark x as not done" also ends with "done".
  {
    re: new RegExp(String.raw`^((?:mark|set|put)\s+)(.+?)(\s+(?:as\s+)?${NOT_DONE})${END}`, 'd'),
    build: (m, at) => ({ intent: 'reopen_task', verbs: [at(1), at(3)], target: at(2) }),
  },
  {
    re: /^(re-?open|un-?complete|un-?finish|un-?check|uncross|undo\s+(?:complete|completion|done)\s+(?:of|on|for)?|restore)\s+(.+)$/d,
    build: (m, at) => ({ intent: 'reopen_task', verbs: [at(1)], target: at(2) }),
  },
  {
    re: new RegExp(String.raw`^(.+?)(\s+(?:is|are)\s+${NOT_DONE})${END}`, 'd'),
    build: (m, at) => ({ intent: 'reopen_task', verbs: [at(2)], target: at(1) }),
  },
  {
    re: new RegExp(String.raw`^((?:mark|set|put)\s+)(.+?)(\s+(?:as\s+)?${DONE})${END}`, 'd'),
    build: (m, at) => ({ intent: 'complete_task', verbs: [at(1), at(3)], target: at(2) }),
  },
  {
    re: /^((?:complete|finish|done(?:\s+with)?|check\s+off|tick\s+off|cross\s+off|close|i(?:'ve|\s+have)?\s+(?:just\s+)?(?:done|finished|completed)|i\s+did|finished|completed)(?:\s*:)?)\s+(.+)$/d,
    build: (m, at) => ({ intent: 'complete_task', verbs: [at(1)], target: at(2) }),
  },
  {
    re: new RegExp(String.raw`^(.+?)(\s+(?:is|are)\s+(?:now\s+)?${DONE})${END}`, 'd'),
    build: (m, at) => ({ intent: 'complete_task', verbs: [at(2)], target: at(1) }),
  },
  {
    re: /^(delete|remove|trash|erase|get\s+rid\s+of|forget(?:\s+about)?|scrap|drop|discard)\s+(.+)$/d,
    build: (m, at) => ({ intent: 'delete_task', verbs: [at(1)], target: at(2) }),
  },
  {
    re: /^(rename)\s+(.+?)(\s+(?:to|as|into)\s+)(.+)$/d,
    build: (m, at) => ({ intent: 'update_task', verbs: [at(1), at(3)], target: at(2), newTitle: at(4) }),
  },
  {
    re: /^((?:change|set|update)\s+(?:the\s+)?(?:title|name)\s+(?:of|for)\s+)(.+?)(\s+to\s+)(.+)$/d,
    build: (m, at) => ({ intent: 'update_task', verbs: [at(1), at(3)], target: at(2), newTitle: at(4) }),
  },
  {
    re: /^((?:change|set|update)\s+(?:the\s+)?prio(?:rity)?\s+(?:of|for|on)\s+)(.+?)(\s+to\s+)(.+)$/d,
    build: (m, at) => ({
      intent: 'update_task',
      verbs: [at(1), at(3)],
      target: at(2),
      body: at(4),
      priorityOnly: true,
    }),
  },
  {
    re: /^((?:change|set|update|move)\s+(?:the\s+)?(?:due\s+date|due|date|deadline|time|reminder|recurrence|schedule)\s+(?:of|for|on)\s+)(.+?)(\s+(?:to|for)\s+)(.+)$/d,
    build: (m, at) => ({ intent: 'update_task', verbs: [at(1), at(3)], target: at(2), body: at(4) }),
  },
  {
    re: /^((?:add|put)\s+)((?:[@#]\S+\s*)+?)(\s*(?:to|on)\s+)(.+)$/d,
    build: (m, at) => ({ intent: 'update_task', verbs: [at(1), at(3)], target: at(4), body: at(2) }),
  },
  {
    re: /^(tag\s+)(.+?)(\s+(?:with|as)\s+)(.+)$/d,
    build: (m, at) => ({
      intent: 'update_task',
      verbs: [at(1), at(3)],
      target: at(2),
      body: at(4),
      needsFields: true,
    }),
  },
  {
    re: /^((?:make|mark)\s+)(.+)\s+((?:urgent|important|high|low|medium|top|no|p[1-4]|repeat|recur|repeating|recurring|due)\b.*)$/d,
    build: (m, at) => ({
      intent: 'update_task',
      verbs: [at(1)],
      target: at(2),
      body: at(3),
      needsFields: true,
    }),
  },
  {
    re: /^((?:move|reschedule|postpone|push(?:\s+back)?|defer|delay|shift|change|set|update|put|bump)\s+)(.+)(\s+(?:to|till|until|for|on|by|into)\s+)(.+)$/d,
    build: (m, at) => ({
      intent: 'update_task',
      verbs: [at(1), at(3)],
      target: at(2),
      body: at(4),
      needsFields: true,
    }),
  },
  {
    re: /^(show|list|display|give\s+me|what|what's|whats|which|anything|any|do\s+i\s+have|how\s+many|agenda|my\s+(?:tasks|todos|to-dos|agenda|day|week|list))\b(.*)$/d,
    build: (m, at) => ({ intent: 'list_tasks', verbs: [at(1)], body: at(2) }),
  },
  {
    re: /^((?:today'?s|tomorrow'?s|overdue|upcoming|completed|open|all|urgent|high\s+priority)\s+(?:tasks|todos|to-dos)|(?:tasks|todos)\s+(?:due|for|tagged|with|that|i))\b(.*)$/d,
    build: (m, at) => ({ intent: 'list_tasks', verbs: [], body: [at(1)[0], at(2)[1]] }),
  },
  {
    re: /^(remind\s+me\s+(?:about|of))\s+(.+)$/d,
    build: (m, at) => ({ intent: 'update_task', verbs: [at(1)], body: at(2), reminderOnly: true }),
  },
  {
    re: /^(remind\s+me(?:\s+to\b)?)(.*)$/d,
    build: (m, at) => ({ intent: 'create_task', verbs: [at(1)], body: at(2), remindAtDue: true }),
  },
  {
    re: /^((?:add|create|new|make\s+a\s+(?:new\s+)?task|todo|to-do|task|remember\s+to|don'?t\s+forget\s+to)\b(?:\s+an?)?(?:\s+new)?(?:\s+(?:task|todo|to-do|reminder))?(?:\s*[:-])?(?:\s+to\b)?)(.*)$/d,
    build: (m, at) => ({ intent: 'create_task', verbs: [at(1)], body: at(2) }),
  },
];

const PREAMBLE =
  /^\s*(?:(?:hey|hi|hello|ok|okay|so|please|pls|bot|um+|uh+)\b[\s,!.]*)*(?:(?:can|could|would|will)\s+you\s+(?:please\s+)?|i\s+(?:want|need|would\s+like|'d\s+like)\s+(?:you\s+)?to\s+(?=(?:add|create|delete|remove|complete|finish|mark|move|reschedule|rename|change|see|know|snooze|undo)\b)|please\s+|let'?s\s+)?/;
const COURTESY_WORD = /\b(?:please|pls|thanks|thank\s+you|thx)$/;

/**
 * Where a closing "please", "thanks" or "!" begins. Read from the end by hand: the one
 * regex it was (three runs of spaces side by side, unanchored) took seconds on a line with
 * a long blank stretch, and the working text has blanked-out stretches.
 */
function courtesyStart(text: string): number {
  let end = text.length;
  while (end > 0 && /[\s.!]/.test(text[end - 1]!)) end--;
  const head = Math.max(0, end - 40);
  const word = COURTESY_WORD.exec(text.slice(head, end));
  if (word && (word.index > 0 || head === 0 || !/\w/.test(text[head - 1]!))) end = head + word.index;
  while (end > 0 && /[\s,]/.test(text[end - 1]!)) end--;
  return end;
}

/** Reads what the sentence asks for; `create_task` with the whole text when nothing else fits. */
export function readIntent(work: string): IntentMatch & { from: number; to: number } {
  const from = PREAMBLE.exec(work)![0].length;
  const to = Math.max(from, from + courtesyStart(work.slice(from)));
  const text = work.slice(from, to);
  for (const rule of RULES) {
    const m = rule.re.exec(text);
    if (!m) continue;
    const at = (g: number): [number, number] => {
      const span = m.indices![g]!;
      return [span[0] + from, span[1] + from];
    };
    return { ...rule.build(m, at), from, to };
  }
  return { intent: 'create_task', verbs: [], body: [from, to], from, to };
}
