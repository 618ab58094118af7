/**
 * The graph model as pure functions: what one extracted document contributes (nodes and edges with
 * provenance), how a write merges with what a store already holds, and what a removed document leaves.
 * Both adapters apply exactly these results, which is what keeps their answers identical.
 */
import { z } from 'zod';
import { shownText, type Agency, type CitedDocument, type ExtractedDocument } from '../ingest/schema.js';
import { fold, slugify, squash } from '../ingest/text/normalize.js';
import {
  type DocumentProperties,
  type EdgeType,
  EDGE_PROPERTIES,
  type GraphEdge,
  type GraphNode,
  ID_PREFIX,
  NODE_LABELS,
  NODE_PROPERTIES,
  type NodeLabel,
} from './schema.js';

export const nodeId = (label: NodeLabel, key: string): string => `${ID_PREFIX[label]}:${key}`;
export const docId = (key: string): string => nodeId('Document', key);

const PREFIX_LABEL = new Map<string, NodeLabel>(NODE_LABELS.map((label) => [ID_PREFIX[label], label]));

/** Label and natural key of a node id, or null when the id has no known prefix. */
export function parseNodeId(id: string): { label: NodeLabel; key: string } | null {
  // "agency-type:" must win over "agency:", so try the longest prefix first.
  for (const prefix of [...PREFIX_LABEL.keys()].sort((a, b) => b.length - a.length)) {
    if (id.startsWith(`${prefix}:`) && id.length > prefix.length + 1) {
      return { label: PREFIX_LABEL.get(prefix)!, key: id.slice(prefix.length + 1) };
    }
  }
  return null;
}

/** Labels at the two ends of every edge type (CONCERNS leaves both documents and duties). */
export const EDGE_ENDS: Record<EdgeType, { source: NodeLabel[]; target: NodeLabel }> = {
  CITES: { source: ['Document'], target: 'Document' },
  AMENDS: { source: ['Document'], target: 'Document' },
  HAS_DUTY: { source: ['Document'], target: 'Duty' },
  ASSIGNED_TO: { source: ['Duty'], target: 'Agency' },
  CONCERNS: { source: ['Document', 'Duty'], target: 'CrimeCategory' },
  ISSUED_BY: { source: ['Document'], target: 'Agency' },
  ISSUED_IN: { source: ['Document'], target: 'Province' },
  ADDRESSED_TO: { source: ['Document'], target: 'Agency' },
  SIGNED: { source: ['Person'], target: 'Document' },
  OF_TYPE: { source: ['Agency'], target: 'AgencyType' },
  IN_PROVINCE: { source: ['Agency'], target: 'Province' },
};

/**
 * What removing facts may orphan: a shared node is deleted once none of these edge types reach it.
 * Order matters: agencies go before the types and provinces they point at.
 */
export const ORPHAN_RULES: { label: NodeLabel; keptBy: EdgeType[] }[] = [
  { label: 'Document', keptBy: ['CITES', 'AMENDS'] }, // stubs only
  { label: 'Agency', keptBy: ['ASSIGNED_TO', 'ISSUED_BY', 'ADDRESSED_TO'] },
  { label: 'Person', keptBy: ['SIGNED'] },
  { label: 'AgencyType', keptBy: ['OF_TYPE'] },
  { label: 'Province', keptBy: ['ISSUED_IN', 'IN_PROVINCE'] },
  { label: 'CrimeCategory', keptBy: ['CONCERNS'] },
];

export const edgeId = (type: EdgeType, source: string, target: string, discriminator?: string): string =>
  `${source}>${type}>${target}${discriminator ? `#${discriminator}` : ''}`;

/** Everything one document writes: its own node first, then stubs, duties and shared nodes; then edges. */
export interface DocumentWrite {
  key: string;
  source: string;
  contentHash: string;
  /** The full ExtractedDocument, kept so the store can give it back verbatim. */
  json: string;
  nodes: GraphNode[];
  edges: GraphEdge[];
}

const yearOf = (date: string | null): number | null => (date ? Number(date.slice(0, 4)) : null);

export function documentProperties(doc: ExtractedDocument): DocumentProperties {
  return {
    key: doc.id,
    stub: false,
    symbol: doc.symbol,
    number: doc.number,
    type: doc.type,
    title: doc.subject,
    issuer: doc.issuer,
    issuerId: doc.issuerId,
    issuedAt: doc.issuedAt,
    year: yearOf(doc.issuedAt),
    province: doc.province,
    provinceName: doc.provinceName,
    source: doc.source,
    format: doc.format,
    contentHash: doc.contentHash,
    categories: doc.categories,
    dutyCount: doc.duties.length,
    citationCount: doc.citations.length,
  };
}

export function stubProperties(cited: CitedDocument): DocumentProperties {
  return {
    key: cited.key,
    stub: true,
    symbol: cited.symbol,
    number: null,
    type: cited.type,
    title: cited.title,
    issuer: cited.issuer,
    issuerId: null,
    issuedAt: cited.issuedAt,
    year: yearOf(cited.issuedAt),
    province: null,
    provinceName: null,
    source: null,
    format: null,
    contentHash: null,
    categories: [],
    dutyCount: 0,
    citationCount: 0,
  };
}

/** The stub a removed document leaves behind while others still cite it. */
export function stubOfDocument(props: DocumentProperties): DocumentProperties {
  return stubProperties({
    key: props.key,
    symbol: props.symbol,
    type: props.type,
    issuedAt: props.issuedAt,
    issuer: props.issuer,
    title: props.title,
  });
}

/** Symbols compare with accents, case and spaces ignored: "623/QD-TTg" finds "623/QĐ-TTg". */
export const symbolKey = (symbol: string): string => fold(symbol).replace(/\s+/g, '');

/**
 * Folded text the list filters match (`q`): key, symbol, subject and issuer of a document; key, name and
 * aliases of an agency. Stored beside the node because Cypher cannot fold Vietnamese.
 */
export function nodeSearchText(node: GraphNode): string | null {
  if (node.label === 'Document') {
    const p = node.properties;
    return fold([p.key, p.symbol, p.title, p.issuer].filter(Boolean).join(' \u0001 '));
  }
  if (node.label === 'Agency') {
    const p = node.properties;
    return fold([p.key, p.name, ...p.aliases].join(' \u0001 '));
  }
  return null;
}

/** The symbol key a Document node is found by, or null. */
export const nodeSymbolKey = (node: GraphNode): string | null =>
  node.label === 'Document' && node.properties.symbol ? symbolKey(node.properties.symbol) : null;

/** Recipient lines come with list dashes and trailing punctuation ("- Công an tỉnh;"). */
const cleanRecipient = (line: string): string =>
  squash(line.replace(/^[\s\-–+•*]+/, '').replace(/[\s;,.:]+$/, ''));

/** Facts one document contributes. `agencies` is the extractor's registry (names, aliases, types). */
/** Registries by id, built once per registry array (callers pass the same one for a whole corpus). */
const registries = new WeakMap<readonly Agency[], Map<string, Agency>>();
function registryOf(agencies: readonly Agency[]): Map<string, Agency> {
  let registry = registries.get(agencies);
  if (!registry) {
    registry = new Map(agencies.map((a) => [a.id, a]));
    registries.set(agencies, registry);
  }
  return registry;
}

export function documentWrite(doc: ExtractedDocument, agencies: readonly Agency[] = []): DocumentWrite {
  const registry = registryOf(agencies);
  const nodes = new Map<string, GraphNode>();
  const edges = new Map<string, GraphEdge>();
  const self = docId(doc.id);
  const props = documentProperties(doc);

  const addNode = (n: GraphNode) => {
    const existing = nodes.get(n.id);
    nodes.set(n.id, existing ? mergeNode(existing, n) : n);
  };
  const addEdge = <T extends EdgeType>(
    type: T,
    source: string,
    target: string,
    properties: GraphEdge['properties'],
    discriminator?: string,
  ) => {
    const id = edgeId(type, source, target, discriminator);
    if (!edges.has(id)) edges.set(id, { id, type, source, target, properties } as GraphEdge);
  };
  const own = (path: string | null = null) => ({ document: doc.id, path });

  const addProvince = (slug: string, name: string | null) =>
    addNode({ id: nodeId('Province', slug), label: 'Province', properties: { key: slug, name } });
  const addAgency = (
    id: string,
    fallback: { name: string; typeId: string | null; province: string | null },
  ) => {
    const known = registry.get(id);
    const agencyNode = nodeId('Agency', id);
    const typeId = known?.typeId ?? fallback.typeId;
    const province = known?.province ?? fallback.province;
    addNode({
      id: agencyNode,
      label: 'Agency',
      properties: {
        key: id,
        name: known?.name ?? fallback.name,
        nameEn: known?.nameEn ?? null,
        typeId,
        province,
        aliases: known?.aliases ?? [],
      },
    });
    if (typeId) {
      addNode({ id: nodeId('AgencyType', typeId), label: 'AgencyType', properties: { key: typeId } });
      addEdge('OF_TYPE', agencyNode, nodeId('AgencyType', typeId), { document: null, path: null });
    }
    if (province) {
      addProvince(province, province === doc.province ? doc.provinceName : null);
      addEdge('IN_PROVINCE', agencyNode, nodeId('Province', province), { document: null, path: null });
    }
    return agencyNode;
  };
  const addCategory = (category: string, from: string, path: string | null) => {
    addNode({ id: nodeId('CrimeCategory', category), label: 'CrimeCategory', properties: { key: category } });
    addEdge('CONCERNS', from, nodeId('CrimeCategory', category), own(path));
  };

  addNode({ id: self, label: 'Document', properties: props });

  if (doc.province) {
    addProvince(doc.province, doc.provinceName);
    addEdge('ISSUED_IN', self, nodeId('Province', doc.province), {
      ...own(),
      inferred: doc.provinceInferred,
    });
  }
  if (doc.issuerId) {
    const issuer = addAgency(doc.issuerId, {
      name: doc.issuer ?? doc.issuerId,
      typeId: null,
      province: doc.province,
    });
    addEdge('ISSUED_BY', self, issuer, own());
  }
  if (doc.signer) {
    const slug = slugify(doc.signer.name);
    if (slug) {
      const person = nodeId('Person', slug);
      addNode({ id: person, label: 'Person', properties: { key: slug, name: doc.signer.name } });
      addEdge('SIGNED', person, self, { ...own(), title: doc.signer.title, authority: doc.signer.authority });
    }
  }
  for (const category of doc.categories) addCategory(category, self, null);

  // One CITES edge per place a document is cited (same target, relation and location count once).
  const seen = new Set<string>();
  const perRelation = new Map<string, number>();
  for (const citation of doc.citations) {
    if (citation.key === doc.id) continue; // a document naming itself is not a citation
    const target = docId(citation.key);
    addNode({ id: target, label: 'Document', properties: stubProperties(citation) });
    const place = JSON.stringify([citation.key, citation.relation, citation.path]);
    if (seen.has(place)) continue;
    seen.add(place);
    const relationKey = `${citation.key} ${citation.relation}`;
    const nth = (perRelation.get(relationKey) ?? 0) + 1;
    perRelation.set(relationKey, nth);
    addEdge(
      'CITES',
      self,
      target,
      {
        ...own(citation.path?.startsWith('footnote') ? null : citation.path),
        relation: citation.relation,
        context: citation.path,
        resolved: citation.resolved,
      },
      `${citation.relation}.${nth}`,
    );
    if (citation.relation === 'amends' || citation.relation === 'replaces') {
      addEdge(
        'AMENDS',
        self,
        target,
        { ...own(citation.path), relation: citation.relation },
        citation.relation,
      );
    }
  }

  for (const duty of doc.duties) {
    const dutyNode = nodeId('Duty', duty.id);
    addNode({
      id: dutyNode,
      label: 'Duty',
      properties: {
        key: duty.id,
        document: doc.id,
        path: duty.path,
        heading: duty.heading,
        text: shownText(duty),
        deadline: duty.deadline,
        categories: duty.categories,
        targets: duty.targets.map((t) => t.text),
      },
    });
    addEdge('HAS_DUTY', self, dutyNode, own(duty.path));
    for (const ref of duty.agencies) {
      const agency = addAgency(ref.id, { name: ref.name, typeId: ref.typeId, province: ref.province });
      addEdge(
        'ASSIGNED_TO',
        dutyNode,
        agency,
        { ...own(duty.path), role: ref.role, mention: ref.mention },
        ref.role,
      );
    }
    for (const category of duty.categories) addCategory(category, dutyNode, duty.path);
  }

  // Recipients are free text; tie a line to an agency only when it names one exactly (name or alias).
  const byName = new Map<string, string>();
  for (const n of nodes.values()) {
    if (n.label !== 'Agency') continue;
    for (const name of [n.properties.name, ...n.properties.aliases]) byName.set(fold(name), n.id);
  }
  for (const line of [...doc.recipients, ...doc.distribution]) {
    const mention = cleanRecipient(line);
    const agency = byName.get(fold(mention));
    if (agency) addEdge('ADDRESSED_TO', self, agency, { ...own(), mention });
  }

  return {
    key: doc.id,
    source: doc.source,
    contentHash: doc.contentHash,
    json: JSON.stringify(doc),
    nodes: [...nodes.values()],
    edges: [...edges.values()],
  };
}

const emptyValue = (field: unknown): unknown => (field instanceof z.ZodArray ? [] : null);

const isBlank = (v: unknown): boolean => v === null || v === undefined;

/**
 * How a written node combines with the stored one. An ingested document or a duty replaces what was
 * there; a stub never overwrites an ingested document; shared nodes keep stored values and take the new
 * one only where they had none, and collect aliases.
 */
export function mergeNode(stored: GraphNode | undefined, incoming: GraphNode): GraphNode {
  if (!stored || stored.label !== incoming.label) return incoming;
  if (incoming.label === 'Duty') return incoming;
  if (incoming.label === 'Document') {
    const storedDoc = stored.properties as DocumentProperties;
    if (!incoming.properties.stub) return incoming;
    if (!storedDoc.stub) return stored;
  }
  const merged: Record<string, unknown> = { ...stored.properties };
  for (const [k, v] of Object.entries(incoming.properties)) {
    const old = merged[k];
    if (Array.isArray(old) && Array.isArray(v)) merged[k] = [...old, ...v.filter((x) => !old.includes(x))];
    else if (isBlank(old)) merged[k] = v;
  }
  return { ...stored, properties: merged } as GraphNode;
}

/** Fills absent properties with null (Neo4j drops null properties) and validates the shape. */
export function normalizeNode(id: string, label: NodeLabel, raw: Record<string, unknown>): GraphNode {
  const schema = NODE_PROPERTIES[label];
  const properties: Record<string, unknown> = {};
  for (const [k, field] of Object.entries(schema.shape)) properties[k] = raw[k] ?? emptyValue(field);
  return { id, label, properties: schema.parse(properties) } as GraphNode;
}

export function normalizeEdge(
  id: string,
  type: EdgeType,
  source: string,
  target: string,
  raw: Record<string, unknown>,
): GraphEdge {
  const schema = EDGE_PROPERTIES[type];
  const properties: Record<string, unknown> = {};
  for (const [k, field] of Object.entries(schema.shape)) properties[k] = raw[k] ?? emptyValue(field);
  return { id, type, source, target, properties: schema.parse(properties) } as GraphEdge;
}

/** Sort helper so every list both stores return comes out in the same order. */
export const byId = <T extends { id: string }>(a: T, b: T): number =>
  a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
