/** API graph nodes and edges as canvas nodes: a short label, the kind, and a few lines for the hover card. */
import type { DocumentSummary, GraphEdge, GraphNode } from '../../../graph/schema.js';
import { agencyTypeName } from '../agency-names.js';
import type { CanvasEdge, CanvasNode } from '../graph.js';
import { type MessageKey, pick, t } from '../i18n.js';
import type { CategoryItem } from '../types.js';
import { formatDate, formatPath, provinceName, roleLabel } from './common.js';
import { docTypeLabel } from './lineage.js';

/** At most `max` characters, cut between words, never inside one. */
export const shorten = (text: string, max = 48): string => {
  if (text.length <= max) return text;
  const cut = text.slice(0, max - 1);
  const space = cut.lastIndexOf(' ');
  // One long word (a symbol, a URL) is kept whole up to the next space rather than broken.
  const end = space > max / 3 ? space : text.indexOf(' ', max - 1);
  if (end < 0) return text;
  return `${text.slice(0, end).replace(/[\s,;:.-]+$/, '')}…`;
};

/** "9903/KH-UBND · Lạng Sơn · 2026": symbol (or a short title), province, year. */
export const documentCaption = (
  doc: Pick<DocumentSummary, 'symbol' | 'title' | 'province' | 'issuedAt'>,
): string =>
  [
    doc.symbol ?? shorten(doc.title ?? t('doc.untitled'), 32),
    provinceName(doc.province) ?? t('common.national'),
    doc.issuedAt?.slice(0, 4),
  ]
    .filter(Boolean)
    .join(' · ');

export function documentNode(id: string, doc: Omit<DocumentSummary, 'id'>, root = false): CanvasNode {
  return {
    id,
    kind: 'Document',
    label: documentCaption(doc),
    stub: doc.stub,
    root,
    details: [
      [docTypeLabel(doc.type), formatDate(doc.issuedAt)].filter(Boolean).join(' · '),
      doc.title ? shorten(doc.title, 160) : '',
      doc.stub ? t('doc.stubNote') : t('doc.dutyCount', { count: doc.dutyCount }),
    ].filter(Boolean),
  };
}

export function canvasNode(node: GraphNode, categories: Map<string, CategoryItem>, root: string): CanvasNode {
  const isRoot = node.id === root;
  const base = { id: node.id, kind: node.label, root: isRoot };
  switch (node.label) {
    case 'Document':
      return documentNode(node.id, node.properties, isRoot);
    case 'Agency':
      return {
        ...base,
        label: pick({ vi: node.properties.name, en: node.properties.nameEn }),
        details: [
          provinceName(node.properties.province) ?? t('common.national'),
          // In English, the Vietnamese name as written in the documents.
          pick({ vi: node.properties.name, en: node.properties.nameEn }) !== node.properties.name
            ? node.properties.name
            : '',
        ].filter(Boolean),
      };
    case 'Duty':
      return {
        ...base,
        // The heading is often the agency list ("Sở Tư pháp:"), which would read as an agency node.
        label: `${formatPath(node.properties.path)}: ${shorten(node.properties.text, 28)}`,
        details: [node.properties.heading ?? '', shorten(node.properties.text, 200)].filter(Boolean),
      };
    case 'CrimeCategory': {
      const label = categories.get(node.properties.key)?.label;
      return { ...base, label: label ? pick(label) : node.properties.key, details: [] };
    }
    case 'Province':
      return { ...base, label: provinceName(node.properties.key) ?? node.properties.key, details: [] };
    case 'Person':
      return { ...base, label: node.properties.name, details: [] };
    case 'AgencyType':
      return { ...base, label: agencyTypeName(node.properties.key) ?? t('kind.AgencyType'), details: [] };
  }
}

export function canvasEdge(edge: GraphEdge): CanvasEdge {
  const label =
    edge.type === 'CITES'
      ? // A footnote is where a citation stands, not what it means.
        t(
          (edge.properties.relation === 'footnote' || edge.properties.relation === 'mention'
            ? 'lineage.cites.out'
            : `relation.${edge.properties.relation}`) as MessageKey,
        )
      : edge.type === 'ASSIGNED_TO'
        ? roleLabel(edge.properties.role)
        : undefined;
  return { id: edge.id, source: edge.source, target: edge.target, label };
}
