/**
 * Emmett-style specifications (`given(history).when(input).then(expected)`), shared by the write
 * side's rules and the projections: `run` is the thing under test, from what happened before and
 * what is asked now. `thenRefuses` expects a throw and hands it to the check.
 */
export const specification =
  <History, Input, Output>(run: (history: History, input: Input) => Output) =>
  (history: History) => ({
    when: (input: Input) => ({
      then: (expected: Output): void => {
        expect(run(history, input)).toEqual(expected);
      },
      thenRefuses: (check: (error: unknown) => void): void => {
        let outcome: { threw: true; error: unknown } | { threw: false; result: Output };
        try {
          outcome = { threw: false, result: run(history, input) };
        } catch (error) {
          outcome = { threw: true, error };
        }
        if (!outcome.threw) throw new Error(`expected a refusal, got ${JSON.stringify(outcome.result)}`);
        check(outcome.error);
      },
    }),
  });
