/**
 * Whole-graph export as JSON, GraphML or a Cypher script (loadable with cypher-shell into an empty
 * Neo4j). Streams: nodes and edges are read in pages and written as they come.
 */
import { z } from 'zod';
import { EDGE_ENDS, nodeSearchText, nodeSymbolKey, parseNodeId } from './model.js';
import type { GraphStore } from './port.js';
import {
  EDGE_PROPERTIES,
  EDGE_TYPES,
  type GraphEdge,
  type GraphNode,
  NODE_LABELS,
  NODE_PROPERTIES,
} from './schema.js';

export const EXPORT_FORMATS = ['json', 'graphml', 'cypher'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

type Write = (chunk: string) => Promise<void> | void;

export async function exportGraph(store: GraphStore, format: ExportFormat, write: Write): Promise<void> {
  if (format === 'json') return exportJson(store, write);
  if (format === 'graphml') return exportGraphml(store, write);
  return exportCypher(store, write);
}

async function exportJson(store: GraphStore, write: Write) {
  await write('{\n"nodes": [');
  let first = true;
  for await (const n of store.allNodes()) {
    await write(`${first ? '\n' : ',\n'}${JSON.stringify(n)}`);
    first = false;
  }
  await write('\n],\n"edges": [');
  first = true;
  for await (const e of store.allEdges()) {
    await write(`${first ? '\n' : ',\n'}${JSON.stringify(e)}`);
    first = false;
  }
  await write('\n]\n}\n');
}

const xml = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

type GraphmlType = 'boolean' | 'long' | 'string';

function graphmlType(field: z.ZodType): GraphmlType {
  const inner = field instanceof z.ZodNullable ? (field.unwrap() as z.ZodType) : field;
  if (inner instanceof z.ZodBoolean) return 'boolean';
  if (inner instanceof z.ZodNumber) return 'long';
  return 'string';
}

/** GraphML keys come from the schemas, so the header is complete before the first node is written. */
function graphmlKeys(shapes: z.ZodObject[]): Map<string, GraphmlType> {
  const keys = new Map<string, GraphmlType>();
  for (const shape of shapes) {
    for (const [name, field] of Object.entries(shape.shape)) {
      const type = graphmlType(field as z.ZodType);
      keys.set(name, keys.has(name) && keys.get(name) !== type ? 'string' : type);
    }
  }
  return keys;
}

/** Lists are written as JSON text (GraphML has no list type). */
const graphmlValue = (v: unknown) => xml(typeof v === 'string' ? v : JSON.stringify(v));

function graphmlData(prefix: string, properties: Record<string, unknown>): string {
  return Object.entries(properties)
    .filter(([, v]) => v !== null)
    .map(([k, v]) => `<data key="${prefix}_${k}">${graphmlValue(v)}</data>`)
    .join('');
}

async function exportGraphml(store: GraphStore, write: Write) {
  const nodeKeys = graphmlKeys(NODE_LABELS.map((l) => NODE_PROPERTIES[l]));
  const edgeKeys = graphmlKeys(EDGE_TYPES.map((t) => EDGE_PROPERTIES[t]));
  await write(
    '<?xml version="1.0" encoding="UTF-8"?>\n' +
      '<graphml xmlns="http://graphml.graphdrawing.org/xmlns">\n' +
      '<key id="label" for="node" attr.name="label" attr.type="string"/>\n' +
      '<key id="type" for="edge" attr.name="type" attr.type="string"/>\n',
  );
  for (const [name, type] of nodeKeys)
    await write(`<key id="n_${name}" for="node" attr.name="${name}" attr.type="${type}"/>\n`);
  for (const [name, type] of edgeKeys)
    await write(`<key id="e_${name}" for="edge" attr.name="${name}" attr.type="${type}"/>\n`);
  await write('<graph id="dutygraph" edgedefault="directed">\n');
  for await (const n of store.allNodes()) {
    await write(
      `<node id="${xml(n.id)}"><data key="label">${n.label}</data>${graphmlData('n', n.properties)}</node>\n`,
    );
  }
  for await (const e of store.allEdges()) {
    await write(
      `<edge id="${xml(e.id)}" source="${xml(e.source)}" target="${xml(e.target)}">` +
        `<data key="type">${e.type}</data>${graphmlData('e', e.properties)}</edge>\n`,
    );
  }
  await write('</graph>\n</graphml>\n');
}

/** A Cypher literal for an exported value (strings single-quoted and escaped). */
export function cypherLiteral(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'boolean') return String(value);
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new Error(`cannot export the number ${value}`);
    return String(value);
  }
  if (typeof value === 'string') {
    return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'").replace(/\n/g, '\\n').replace(/\r/g, '\\r').replace(/\t/g, '\\t')}'`;
  }
  if (Array.isArray(value)) return `[${value.map(cypherLiteral).join(', ')}]`;
  if (typeof value === 'object') {
    return `{${Object.entries(value as Record<string, unknown>)
      .map(([k, v]) => `\`${k.replace(/`/g, '``')}\`: ${cypherLiteral(v)}`)
      .join(', ')}}`;
  }
  throw new Error(`cannot export a ${typeof value}`);
}

const CYPHER_BATCH = 200;

async function exportCypher(store: GraphStore, write: Write) {
  await write('// dutygraph export: run with cypher-shell against an empty database.\n');
  for (const l of NODE_LABELS) {
    await write(
      `CREATE CONSTRAINT ${l.toLowerCase()}_id IF NOT EXISTS FOR (n:${l}) REQUIRE n.id IS UNIQUE;\n`,
    );
  }
  const flush = async (groups: Map<string, { head: string; rows: unknown[] }>, all: boolean) => {
    for (const [key, group] of groups) {
      if (group.rows.length === 0 || (!all && group.rows.length < CYPHER_BATCH)) continue;
      await write(`UNWIND ${cypherLiteral(group.rows)} AS row ${group.head};\n`);
      groups.set(key, { ...group, rows: [] });
    }
  };
  const nodeGroups = new Map<string, { head: string; rows: unknown[] }>();
  for await (const n of store.allNodes()) {
    const group = nodeGroups.get(n.label) ?? {
      head: `MERGE (n:${n.label} {id: row.id}) SET n += row.props`,
      rows: [],
    };
    group.rows.push(nodeRow(n));
    nodeGroups.set(n.label, group);
    await flush(nodeGroups, false);
  }
  await flush(nodeGroups, true);
  const edgeGroups = new Map<string, { head: string; rows: unknown[] }>();
  for await (const e of store.allEdges()) {
    const from = parseNodeId(e.source)!.label;
    const key = `${e.type} ${from}`;
    const group = edgeGroups.get(key) ?? {
      head:
        `MATCH (s:${from} {id: row.source}) MATCH (t:${EDGE_ENDS[e.type].target} {id: row.target}) ` +
        `MERGE (s)-[r:${e.type} {id: row.id}]->(t) SET r += row.props`,
      rows: [],
    };
    group.rows.push(edgeRow(e));
    edgeGroups.set(key, group);
    await flush(edgeGroups, false);
  }
  await flush(edgeGroups, true);
}

// The hidden lookup properties go too, so the Neo4j adapter can serve a database loaded from the script.
const nodeRow = (n: GraphNode) => ({
  id: n.id,
  props: { ...n.properties, id: n.id, search: nodeSearchText(n), symbolKey: nodeSymbolKey(n) },
});
const edgeRow = (e: GraphEdge) => ({
  id: e.id,
  source: e.source,
  target: e.target,
  props: { ...e.properties, id: e.id },
});
