// The extract stage: a list of components run over one Doc, each adding its
// part of the Extraction (in the manner of a spaCy pipeline). Every component
// is a pure function of the document and its compiled rules.
import type { Doc, ExtractConfig, Extraction } from "../types.js";
import { extractRecommendations, loadRecommendationRules, type RecRules } from "./recommendations/index.js";
import { typeAddresseesFromActors } from "./recommendations/types-from-actors.js";
import { extractActors, loadGazetteer, type Gazetteer } from "./actors/index.js";
import { extractResponses, loadResponseVocab, type ResponseVocab } from "./responses/index.js";
import { extractRelations, relationExtractor, type RelationExtractor } from "./relations/index.js";
import { codeDocument, codeRecommendation, documentScope, loadCodebook, type Codebook } from "./themes/index.js";

/** Rules, gazetteer and codebook, compiled once per process (or worker thread). */
export interface Extractors {
  recRules: RecRules;
  gazetteer: Gazetteer;
  codebook: Codebook;
  responseVocab: ResponseVocab;
  relations: RelationExtractor;
}

export function loadExtractors(config: ExtractConfig): Extractors {
  const gazetteer = loadGazetteer(config.actorFiles);
  return {
    recRules: loadRecommendationRules(config.recRules || undefined),
    gazetteer,
    codebook: loadCodebook(config.codebook || undefined),
    responseVocab: loadResponseVocab(),
    relations: relationExtractor(undefined, gazetteer.lexicon.countries),
  };
}

export function extractDocument(doc: Doc, ex: Extractors): Extraction {
  const recommendations = extractRecommendations(doc, ex.recRules);
  // Outside the codebook's domain (a health review in a migration corpus) only general themes are coded.
  const scope = documentScope(doc, ex.codebook);
  for (const rec of recommendations) rec.themes = codeRecommendation(rec, doc, ex.codebook, scope);
  const responses = extractResponses(doc, recommendations, ex.responseVocab);
  const { actors, mentions } = extractActors(doc, ex.gazetteer);
  // A named addressee ("Cargill", "IMI") takes the type the actors stage gave that body.
  typeAddresseesFromActors(recommendations, actors);
  const codings = codeDocument(doc, ex.codebook, scope);
  const relations = extractRelations(doc, actors, mentions, ex.relations);
  return { recommendations, responses, actors, mentions, codings, relations };
}
