import { RejectedBatchError } from '../../events';

/** Events that fit the catalog but break a rule of the negotiation (a reference to nothing, a double retraction). */
export class DomainRuleError extends RejectedBatchError {
  readonly code = 'rule_violation';
  constructor(problems: RejectedBatchError['problems']) {
    super(problems, problems.map((p) => `event #${p.index}: ${p.path}: ${p.message}`).join('\n'));
  }
}
