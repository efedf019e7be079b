/**
 * A step the grammar read but must refuse (a qualifier it cannot check, a wait too long, an address
 * never allowed). Carries the part at fault, so the creation message can point at it.
 */
export class StepRefusal extends Error {
  constructor(
    message: string,
    /** The words that cannot be carried out, e.g. "rounded". */
    readonly part: string,
    /** A step that would be accepted instead, when there is one. */
    readonly suggestion?: string,
  ) {
    super(message);
    this.name = 'StepRefusal';
  }
}
