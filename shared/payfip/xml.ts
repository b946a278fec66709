/**
 * The little XML the PayFiP web service speaks, read with a real parser (saxes, already installed
 * with exceljs) into a small namespace-aware tree. No DTD is accepted: a SOAP message never has one,
 * and refusing it rules out entity tricks.
 */
import { SaxesParser } from 'saxes';

export interface XmlElement {
  /** Local name, without prefix. */
  local: string;
  /** Namespace URI ('' when none). */
  uri: string;
  attributes: Record<string, string>;
  children: XmlElement[];
  /** Concatenated text directly inside this element. */
  text: string;
}

export class XmlError extends Error {}

export function parseXml(source: string): XmlElement {
  const parser = new SaxesParser({ xmlns: true });
  const stack: XmlElement[] = [];
  let root: XmlElement | null = null;
  let failure: Error | null = null;
  parser.on('error', (err) => {
    failure ??= err;
  });
  parser.on('doctype', () => {
    failure ??= new XmlError('DOCTYPE not allowed');
  });
  parser.on('opentag', (tag) => {
    const attributes: Record<string, string> = {};
    for (const [name, attr] of Object.entries(tag.attributes)) attributes[attr.local || name] = attr.value;
    const el: XmlElement = { local: tag.local, uri: tag.uri, attributes, children: [], text: '' };
    const parent = stack[stack.length - 1];
    if (parent) parent.children.push(el);
    else root ??= el;
    stack.push(el);
  });
  parser.on('text', (text) => {
    const top = stack[stack.length - 1];
    if (top) top.text += text;
  });
  parser.on('cdata', (text) => {
    const top = stack[stack.length - 1];
    if (top) top.text += text;
  });
  parser.on('closetag', () => {
    stack.pop();
  });
  try {
    parser.write(source).close();
  } catch (err) {
    failure ??= err instanceof Error ? err : new XmlError(String(err));
  }
  if (failure) throw new XmlError(`Invalid XML: ${(failure as Error).message}`);
  if (!root) throw new XmlError('Empty XML document');
  return root;
}

/** First descendant (depth-first, self included) with this local name. */
export function findFirst(el: XmlElement, local: string): XmlElement | null {
  if (el.local === local) return el;
  for (const child of el.children) {
    const found = findFirst(child, local);
    if (found) return found;
  }
  return null;
}

/** Text of the direct child with this local name, trimmed; null when absent. */
export function childText(el: XmlElement, local: string): string | null {
  const child = el.children.find((c) => c.local === local);
  return child ? child.text.trim() : null;
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };

/** Escapes text for an element or attribute value; drops characters XML 1.0 cannot carry. */
export function escapeXml(value: string): string {
  // eslint-disable-next-line no-control-regex
  return value.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '').replace(/[&<>"']/g, (c) => ESCAPES[c] ?? c);
}
