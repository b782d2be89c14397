// Responses: management-response matrices, action plans and government responses, read
// as rows linked to the recommendations they answer. A pure function of the Doc and the
// document's recommendations (the output of src/extract/recommendations).
//
// The modules:
//   responses.yaml  labels ("Management response", "Key actions", "Timeline"), statuses,
//                   the commitment pattern: data, not code
//   vocab.ts        loads and compiles it; the status of a response; recommendation references
//   scan.ts         walks the blocks: recommendation anchors and groups, response scopes, rows
//   link.ts         which recommendation a response answers (named, or by position)
//   table.ts        the cells of a table row (the one place that reads "| a | b |")
//   fields.ts       responsible and deadline inside an action's text
//   deadline.ts     dates as written and their ISO reading
import type { Doc, Recommendation, ResponseUnit } from "../../types.js";
import { loadResponseVocab, type ResponseVocab } from "./vocab.js";
import { ResponseScanner } from "./scan.js";

export { loadResponseVocab, type ResponseVocab };
export { deadlineIso, deadlineInText, findDates } from "./deadline.js";

/** Every response and key action of the document that answers one of its recommendations, in document order. */
export function extractResponses(doc: Doc, recs: Recommendation[], vocab: ResponseVocab = loadResponseVocab()): ResponseUnit[] {
  return new ResponseScanner(doc, recs, vocab).run();
}
