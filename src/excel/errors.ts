/** Refusals of the workbook layer: the add-in stops and explains rather than writing into the wrong cells. */
export type RefusalKind = "conflict" | "mapping" | "occupied" | "not-found" | "too-large";

export class WorkbookRefusal extends Error {
  constructor(
    readonly kind: RefusalKind,
    message: string,
  ) {
    super(message);
    this.name = "WorkbookRefusal";
  }
}
