/**
 * What an argument reader gives: the value, or why the words do not fit, in a sentence the person
 * reads (from templates/commands.yaml) that says what to write instead. `code` is for the audit
 * log and the tests: the sentence may be reworded, the code stays.
 */
export type ArgResult<T> = { ok: true; value: T } | ArgFailure;

export interface ArgFailure {
  ok: false;
  code: string;
  problem: string;
}

export const accept = <T>(value: T): ArgResult<T> => ({ ok: true, value });

export const reject = (code: string, problem: string): ArgFailure => ({ ok: false, code, problem });
