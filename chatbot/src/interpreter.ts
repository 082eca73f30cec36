import type { ParseResult } from '@todo/contracts';
import { parse, type ParseOptions } from '@todo/nl';

/** Turns a message into what it asks for. The model-backed one still resolves dates with the engine. */
export interface Interpreter {
  interpret(message: string, context: ParseOptions): Promise<ParseResult>;
}

export const engineInterpreter: Interpreter = {
  interpret: async (message, context) => parse(message, context),
};
