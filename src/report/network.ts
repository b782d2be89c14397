// The co-mention network, laid out once at build time with d3-force so the
// page needs no script to draw it. d3-force seeds its own random source with a
// constant, so the same dataset always gives the same picture.
import { forceCollide, forceLink, forceManyBody, forceSimulation, forceX, forceY, type SimulationNodeDatum } from "d3-force";
import type { ActorSummary, CoMention } from "./model.js";
import { shorten } from "./escape.js";

export interface NetworkNode {
  id: string;
  name: string;
  type: string;
  mentions: number;
  /** Label drawn next to the node; "" for the smaller nodes (their name is in the tooltip). */
  label: string;
  x: number;
  y: number;
}

export interface NetworkEdge {
  source: string;
  target: string;
  sourceName: string;
  targetName: string;
  weight: number;
  x: number;
  y: number;
  x2: number;
  y2: number;
}

export interface Network {
  nodes: NetworkNode[];
  edges: NetworkEdge[];
}

export interface NetworkLimits {
  /** The most-mentioned actors that have a co-mention are drawn, at most this many. */
  maxNodes: number;
  /** Of the co-mentions between drawn actors, the strongest this many are drawn. */
  maxEdges: number;
  /** The most-mentioned this many drawn actors get a label. */
  maxLabels: number;
}

export const NETWORK_LIMITS: NetworkLimits = { maxNodes: 40, maxEdges: 150, maxLabels: 16 };

type SimNode = NetworkNode & SimulationNodeDatum;

export function layoutNetwork(actors: ActorSummary[], coMentions: CoMention[], limits: NetworkLimits = NETWORK_LIMITS): Network {
  const linked = new Set(coMentions.flatMap((e) => [e.source, e.target]));
  const chosen = actors.filter((a) => linked.has(a.actorId)).slice(0, limits.maxNodes); // actors come most-mentioned first
  const ids = new Set(chosen.map((a) => a.actorId));
  const links = coMentions
    .filter((e) => e.source !== e.target && ids.has(e.source) && ids.has(e.target))
    .sort((a, b) => b.weight - a.weight || a.source.localeCompare(b.source) || a.target.localeCompare(b.target))
    .slice(0, limits.maxEdges);

  const nodes: SimNode[] = chosen.map((a, i) => ({
    id: a.actorId, name: a.name, type: a.type, mentions: a.mentions,
    label: i < limits.maxLabels ? a.acronym || shorten(a.name, 26) : "",
    x: 0, y: 0,
  }));
  // Initial positions left to d3 (its phyllotaxis spiral), so the layout depends only on the input order.
  for (const n of nodes) { delete (n as Partial<SimNode>).x; delete (n as Partial<SimNode>).y; }
  const maxMentions = Math.max(1, ...nodes.map((n) => n.mentions));
  const radius = (n: SimNode) => 4 + 11 * Math.sqrt(n.mentions / maxMentions);
  const maxWeight = Math.max(1, ...links.map((l) => l.weight));
  const simLinks = links.map((l) => ({ source: l.source, target: l.target, weight: l.weight }));

  const simulation = forceSimulation(nodes)
    .force("link", forceLink<SimNode, (typeof simLinks)[number]>(simLinks).id((n) => n.id).distance(70).strength((l) => 0.15 + 0.6 * (l.weight / maxWeight)))
    // Repulsion fades beyond 180 units, so an actor linked to no other drawn one stays near the cluster.
    .force("charge", forceManyBody().strength(-160).distanceMax(180))
    .force("collide", forceCollide<SimNode>((n) => radius(n) + 6))
    // Gentle pull to the centre keeps unlinked actors from drifting off the canvas.
    .force("x", forceX(0).strength(0.07))
    .force("y", forceY(0).strength(0.1))
    .stop();
  simulation.tick(400);

  const byId = new Map(nodes.map((n) => [n.id, n]));
  const round = (v: number | undefined) => Math.round((v ?? 0) * 10) / 10;
  return {
    nodes: nodes.map((n) => ({ id: n.id, name: n.name, type: n.type, mentions: n.mentions, label: n.label, x: round(n.x), y: round(n.y) })),
    edges: links.map((l) => {
      const s = byId.get(l.source)!;
      const t = byId.get(l.target)!;
      return { source: l.source, target: l.target, sourceName: s.name, targetName: t.name, weight: l.weight, x: round(s.x), y: round(s.y), x2: round(t.x), y2: round(t.y) };
    }),
  };
}
