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

const STANDARD_FONTS = new Set(['Helvetica', 'Helvetica-Bold', 'Helvetica-Oblique', 'Helvetica-BoldOblique']);

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
    // The PDF standard fonts: nothing embedded, about four times faster to render (mass documents
    // such as the month's invoices); WinAnsi only, so callers check their text fits (see
    // `fitsStandardFont`) and fall back to Roboto otherwise.
    Helvetica: { normal: 'Helvetica', bold: 'Helvetica-Bold', italics: 'Helvetica-Oblique', bolditalics: 'Helvetica-BoldOblique' },
  });
  pdfmake.setUrlAccessPolicy(() => false);
  // The standard fonts' names are not files: pdfkit draws them from its built-in metrics.
  pdfmake.setLocalAccessPolicy((file) => STANDARD_FONTS.has(file) || path.resolve(file).startsWith(fontDir + path.sep));
  ready = true;
}

// Windows-1252 (WinAnsi) beyond Latin-1: what the standard fonts can draw.
const WIN_ANSI_EXTRA = new Set('€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ');

/** True when every character of `text` can be drawn with the standard (Helvetica) fonts. */
export function fitsStandardFont(text: string): boolean {
  for (const ch of text) {
    const code = ch.codePointAt(0) ?? 0;
    if (code === 0x0a || code === 0x0d || code === 0x09) continue;
    if ((code >= 0x20 && code <= 0x7e) || (code >= 0xa0 && code <= 0xff) || WIN_ANSI_EXTRA.has(ch)) continue;
    return false;
  }
  return true;
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
