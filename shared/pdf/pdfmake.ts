/**
 * The one place PDFs are rendered (attendance sheets, invoices, receipts): pdfmake 0.3 with the
 * Roboto fonts it ships, no network access and no file access beyond those fonts, so a document
 * definition built from family data can never make the server read a file or fetch a URL.
 */
import { createRequire } from 'node:module';
import path from 'node:path';
import pdfmake from 'pdfmake';

/** A node of pdfmake's document tree (text, table, columns, stack…). */
export type PdfContent = string | PdfContent[] | { readonly [key: string]: unknown };

export interface PdfStyle {
  fontSize?: number;
  bold?: boolean;
  italics?: boolean;
  color?: string;
  fillColor?: string;
  alignment?: 'left' | 'center' | 'right' | 'justify';
  margin?: number | readonly number[];
  lineHeight?: number;
}

export interface PdfDocument {
  content: PdfContent;
  pageSize?: 'A4';
  pageOrientation?: 'portrait' | 'landscape';
  pageMargins?: number | readonly number[];
  header?: PdfContent | ((currentPage: number, pageCount: number) => PdfContent);
  footer?: PdfContent | ((currentPage: number, pageCount: number) => PdfContent);
  styles?: Record<string, PdfStyle>;
  defaultStyle?: PdfStyle & { font?: string };
  info?: { title?: string; author?: string; subject?: string; creator?: string };
}

const require = createRequire(import.meta.url);
const fontDir = path.join(path.dirname(require.resolve('pdfmake/package.json')), 'fonts', 'Roboto');

let ready = false;
function setUp(): void {
  if (ready) return;
  pdfmake.setFonts({
    Roboto: {
      normal: path.join(fontDir, 'Roboto-Regular.ttf'),
      bold: path.join(fontDir, 'Roboto-Medium.ttf'),
      italics: path.join(fontDir, 'Roboto-Italic.ttf'),
      bolditalics: path.join(fontDir, 'Roboto-MediumItalic.ttf'),
    },
  });
  pdfmake.setUrlAccessPolicy(() => false);
  pdfmake.setLocalAccessPolicy((file) => path.resolve(file).startsWith(fontDir + path.sep));
  ready = true;
}

/** Renders a document to a PDF file's bytes (A4 portrait, Roboto 10 pt unless the document says otherwise). */
export async function renderPdf(doc: PdfDocument): Promise<Buffer> {
  setUp();
  const full: PdfDocument = {
    pageSize: 'A4',
    pageOrientation: 'portrait',
    pageMargins: [36, 48, 36, 48],
    ...doc,
    defaultStyle: { font: 'Roboto', fontSize: 10, ...doc.defaultStyle },
    info: { creator: 'Marelle', ...doc.info },
  };
  return pdfmake.createPdf(full).getBuffer();
}
