/**
 * .docx → HTML (mammoth) → the shared HTML renderer, so tables, bold and footnotes come out exactly as
 * they do for saved web pages.
 */
import mammoth from 'mammoth';
import { numberingLabels } from './docx-numbering.js';
import { readFailure } from './errors.js';
import { htmlToText } from './html.js';
import { zipEntry } from './limits.js';
import { checkOfficePackage } from './signatures.js';

/** jszip/mammoth messages carry URLs and advice meant for developers; keep the first sentence. */
function firstSentence(message: string): string {
  return message.split(/(?<=[.?!])\s+/)[0]!.replace(/[.\s]+$/, '');
}

/** A node of mammoth's document tree, as much of it as numbering needs. */
interface DocxNode {
  type: string;
  numbering?: unknown;
  children?: DocxNode[];
}

function paragraphsOf(node: DocxNode, out: DocxNode[] = []): DocxNode[] {
  if (node.type === 'paragraph') out.push(node);
  for (const child of node.children ?? []) paragraphsOf(child, out);
  return out;
}

/**
 * Types Word's list labels into the paragraphs they number (see docx-numbering.ts). When the document's own
 * parts and mammoth do not agree on which paragraphs are numbered, mammoth's lists are left as they are.
 */
function typedNumbering(bytes: Uint8Array): (document: DocxNode) => DocxNode {
  return (document) => {
    const [documentXml, numberingXml] = ['word/document.xml', 'word/numbering.xml'].map((name) =>
      zipEntry(bytes, name)?.toString('utf8'),
    );
    if (!documentXml || !numberingXml) return document;
    const labels = numberingLabels({
      document: documentXml,
      numbering: numberingXml,
      styles: zipEntry(bytes, 'word/styles.xml')?.toString('utf8') ?? null,
    }).filter((label) => label !== null);
    const numbered = paragraphsOf(document).filter((p) => p.numbering);
    if (numbered.length !== labels.length) return document;
    numbered.forEach((paragraph, i) => {
      paragraph.numbering = null;
      paragraph.children = [
        { type: 'text', value: `${labels[i]} ` } as DocxNode,
        ...(paragraph.children ?? []),
      ];
    });
    return document;
  };
}

export async function readDocx(source: string, bytes: Uint8Array): Promise<string> {
  checkOfficePackage(source, bytes, { extension: '.docx', old: '.doc', application: 'Word' });
  let html: string;
  try {
    const result = await mammoth.convertToHtml(
      { buffer: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) },
      {
        // Images carry no text; dropping them keeps base64 data out of the HTML.
        convertImage: mammoth.images.imgElement(async () => ({ src: '' })),
        transformDocument: typedNumbering(bytes),
      },
    );
    html = result.value;
  } catch (error) {
    const reason = error instanceof Error ? firstSentence(error.message) : String(error);
    throw readFailure(source, 'corrupt', `damaged or truncated .docx (${reason})`);
  }
  return htmlToText(html);
}
