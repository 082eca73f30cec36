/**
 * A reason not to start that the operator can act on; its message says what to do. The
 * launchers log it as one line, without a stack trace.
 */
export class StartupProblem extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'StartupProblem';
  }
}
