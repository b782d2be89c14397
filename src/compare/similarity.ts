// Text similarity for recommendations: TF-IDF vectors over stemmed content
// words, cosine, and an inverted index that finds the most similar indexed
// text without comparing against every one of them.
import { contentStems } from "./tokens.js";

/** An L2-normalised sparse vector; terms ascending. */
export interface SparseVector {
  terms: Int32Array;
  weights: Float64Array;
}

/**
 * TF-IDF vectors of a set of texts, weighted within that set: sublinear term
 * frequency (1 + ln tf) times smoothed inverse document frequency
 * (ln((1 + N) / (1 + df)) + 1), then scaled to unit length so that the dot
 * product of two vectors is their cosine.
 */
export function tfidfVectors(texts: string[]): SparseVector[] {
  // Identical texts (boilerplate, repeated reports) are counted once and share one vector.
  const distinct = new Map<string, number>();
  const slotOf = texts.map((t) => {
    let slot = distinct.get(t);
    if (slot === undefined) distinct.set(t, (slot = distinct.size));
    return slot;
  });
  const multiplicity = new Array<number>(distinct.size).fill(0);
  for (const slot of slotOf) multiplicity[slot]++;

  const vocabulary = new Map<string, number>();
  const df: number[] = [];
  const counted = [...distinct.keys()].map((text, slot) => {
    const counts = new Map<number, number>();
    for (const stem of contentStems(text)) {
      let id = vocabulary.get(stem);
      if (id === undefined) {
        id = df.length;
        vocabulary.set(stem, id);
        df.push(0);
      }
      counts.set(id, (counts.get(id) ?? 0) + 1);
    }
    for (const id of counts.keys()) df[id] += multiplicity[slot];
    return counts;
  });
  const n = texts.length;
  const idf = df.map((d) => Math.log((1 + n) / (1 + d)) + 1);
  const vectors = counted.map((counts): SparseVector => {
    const terms = Int32Array.from([...counts.keys()].sort((a, b) => a - b));
    const weights = Float64Array.from(terms, (t) => (1 + Math.log(counts.get(t)!)) * idf[t]);
    let norm = 0;
    for (const w of weights) norm += w * w;
    norm = Math.sqrt(norm);
    if (norm > 0) for (let i = 0; i < weights.length; i++) weights[i] /= norm;
    return { terms, weights };
  });
  return slotOf.map((slot) => vectors[slot]);
}

/** Cosine of two unit vectors: a merge over their sorted terms. */
export function cosine(a: SparseVector, b: SparseVector): number {
  let i = 0;
  let j = 0;
  let sum = 0;
  while (i < a.terms.length && j < b.terms.length) {
    const d = a.terms[i] - b.terms[j];
    if (d === 0) sum += a.weights[i++] * b.weights[j++];
    else if (d < 0) i++;
    else j++;
  }
  return Math.min(1, sum);
}

export interface Match {
  /** Position of the indexed vector (order of `add`). */
  index: number;
  similarity: number;
}

/**
 * Vectors indexed by term. `best` finds the most similar indexed vector above a
 * threshold by looking only at vectors that share one of the query's heaviest
 * terms: with unit vectors, a vector sharing none of the terms that carry the
 * query's weight above the threshold cannot reach it (Cauchy-Schwarz), so the
 * rest of the query's terms need no lookup ("prefix filtering", Bayardo et al. 2007).
 */
export class SimilarityIndex {
  private postings = new Map<number, number[]>();
  private vectors: SparseVector[] = [];
  private seen: number[] = [];
  private stamp = 0;

  get size(): number {
    return this.vectors.length;
  }

  add(vector: SparseVector): number {
    const index = this.vectors.length;
    this.vectors.push(vector);
    this.seen.push(0);
    for (const term of vector.terms) {
      let list = this.postings.get(term);
      if (!list) this.postings.set(term, (list = []));
      list.push(index);
    }
    return index;
  }

  /** The most similar indexed vector with cosine ≥ threshold (earliest on ties), if any. */
  best(query: SparseVector, threshold: number, accept: (index: number) => boolean = () => true): Match | undefined {
    let best: Match | undefined;
    this.stamp++;
    for (const term of probeTerms(query, threshold)) {
      for (const index of this.postings.get(term) ?? []) {
        if (this.seen[index] === this.stamp) continue;
        this.seen[index] = this.stamp;
        if (!accept(index)) continue;
        const similarity = cosine(query, this.vectors[index]);
        if (similarity >= threshold && (!best || similarity > best.similarity || (similarity === best.similarity && index < best.index))) {
          best = { index, similarity };
        }
      }
    }
    return best;
  }
}

/** The query's heaviest terms, until what is left weighs less than the threshold. */
function probeTerms(query: SparseVector, threshold: number): number[] {
  const order = [...query.weights.keys()].sort((a, b) => query.weights[b] - query.weights[a]);
  let remaining = 1; // squared norm of the terms not yet probed (unit vector)
  const probe: number[] = [];
  for (const i of order) {
    if (Math.sqrt(Math.max(0, remaining)) < threshold) break;
    probe.push(query.terms[i]);
    remaining -= query.weights[i] * query.weights[i];
  }
  return probe;
}
