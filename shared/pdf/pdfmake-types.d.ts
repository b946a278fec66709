// pdfmake 0.3 ships no types; this declares the server-side surface Marelle uses.
declare module 'pdfmake' {
  interface PdfMakeOutput {
    getBuffer(): Promise<Buffer>;
  }
  interface PdfMakeFontFiles {
    normal: string;
    bold: string;
    italics: string;
    bolditalics: string;
  }
  interface PdfMake {
    setFonts(fonts: Record<string, PdfMakeFontFiles>): void;
    setUrlAccessPolicy(callback: (url: string) => boolean): void;
    setLocalAccessPolicy(callback: (path: string) => boolean): void;
    createPdf(doc: object, options?: object): PdfMakeOutput;
  }
  const pdfmake: PdfMake;
  export default pdfmake;
}
