import { toJson } from '../http/json';
import { cli } from './cli-context';

/** Prints either the JSON contract (--json) or the readable rendering. */
export const print = <T>(value: T, json: boolean | undefined, render: (value: T) => string): void => {
  cli().stdout.write(`${json ? toJson(value) : render(value)}\n`);
};

/** Prints an answer as CSV (`--csv`): the same columns as the HTTP API's `format=csv`. */
export const printCsv = <T>(value: T, toCsv: (value: T) => string): void => {
  cli().stdout.write(toCsv(value));
};
