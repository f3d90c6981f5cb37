/**
 * Compile-time proof that a response schema describes exactly the TypeScript type the handler
 * returns. Use as
 *
 *     const _issueAnswerMatches: Matches<z.output<typeof issueAnswerSchema>, IssueAnswer> = true;
 *
 * When they drift (a field added to the projection's type and not to the schema, or the other way
 * round), tsc reports the path, e.g.
 * `Type 'true' is not assignable to type '".latestStatements: in the TS type, missing from the schema"'`.
 */
export type Matches<Schema, Type> = [Mismatch<Schema, Type>] extends [never] ? true : Mismatch<Schema, Type>;

type Equals<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;

/** Which side has it, given what the schema side has (never: the TS type has it). */
type OnlyIn<InSchema> = [InSchema] extends [never] ? 'the TS type' : 'the schema';

type At<P extends string> = P extends '' ? '(root)' : P;

type Keys<T> = Exclude<keyof T, symbol | number> & string;

/** Where two types differ, as readable strings; never when they are the same. */
export type Mismatch<S, T, P extends string = ''> =
  Equals<S, T> extends true
    ? never
    : [undefined, undefined] extends [Extract<S, undefined>, Extract<T, undefined>]
      ? Mismatch<Exclude<S, undefined>, Exclude<T, undefined>, P>
      : [undefined] extends [Extract<S, undefined> | Extract<T, undefined>]
        ? `${P}: optional in ${OnlyIn<Extract<S, undefined>>} only`
        : [null, null] extends [Extract<S, null>, Extract<T, null>]
          ? Mismatch<Exclude<S, null>, Exclude<T, null>, P>
          : [null] extends [Extract<S, null> | Extract<T, null>]
            ? `${P}: nullable in ${OnlyIn<Extract<S, null>>} only`
            : [S, T] extends [readonly (infer SE)[], readonly (infer TE)[]]
              ? Mismatch<SE, TE, `${P}[]`>
              : [S, T] extends [object, object]
                ? ObjectMismatch<S, T, P>
                : `${At<P>}: the types differ`;

/** Key by key: an intersection and the object it flattens to are the same here. */
type ObjectMismatch<S, T, P extends string> =
  | { [K in Exclude<Keys<T>, Keys<S>>]: `${P}.${K}: in the TS type, missing from the schema` }[Exclude<Keys<T>, Keys<S>>]
  | { [K in Exclude<Keys<S>, Keys<T>>]: `${P}.${K}: in the schema, not in the TS type` }[Exclude<Keys<S>, Keys<T>>]
  | { [K in Keys<S> & Keys<T>]: Mismatch<S[K], T[K], `${P}.${K}`> }[Keys<S> & Keys<T>];
