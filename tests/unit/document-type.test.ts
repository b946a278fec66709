import { describe, expect, it } from 'vitest';
import { asciiFileName, detectFileType, sanitizeFileName } from '../../shared/documents/file-type';
import { endOfSchoolYear, isExpired, parentMayDelete } from '../../shared/documents/rules';

const bytes = (...values: number[]) => Uint8Array.from(values);
const text = (s: string) => new TextEncoder().encode(s);

describe('detectFileType (from the content, never the name)', () => {
  it('recognises PDF, JPEG and PNG by their signatures', () => {
    expect(detectFileType(text('%PDF-1.7\n%âãÏÓ'))).toBe('application/pdf');
    expect(detectFileType(bytes(0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46))).toBe('image/jpeg');
    expect(detectFileType(bytes(0xff, 0xd8, 0xff, 0xe1))).toBe('image/jpeg');
    expect(detectFileType(bytes(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00))).toBe('image/png');
  });

  it('refuses everything else, including near misses and truncated headers', () => {
    expect(detectFileType(text('MZ\x90\x00\x03\x00\x00\x00'))).toBeNull(); // a Windows .exe
    expect(detectFileType(text('PK\x03\x04'))).toBeNull(); // a .docx / .zip
    expect(detectFileType(text('GIF89a'))).toBeNull();
    expect(detectFileType(text('%PDF'))).toBeNull(); // no dash: not the PDF header
    expect(detectFileType(text(' %PDF-1.4'))).toBeNull(); // must start the file
    expect(detectFileType(bytes(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a))).toBeNull(); // PNG cut short
    expect(detectFileType(bytes(0xff, 0xd8))).toBeNull();
    expect(detectFileType(bytes())).toBeNull();
    expect(detectFileType(text('<html><script>'))).toBeNull();
  });
});

describe('sanitizeFileName (display only)', () => {
  it('keeps an ordinary name', () => {
    expect(sanitizeFileName('Attestation assurance 2026.pdf', 'application/pdf')).toBe('Attestation assurance 2026.pdf');
    expect(sanitizeFileName('Scan.JPG', 'image/jpeg')).toBe('Scan.JPG');
    expect(sanitizeFileName('photo.jpeg', 'image/jpeg')).toBe('photo.jpeg');
    expect(sanitizeFileName('Relevé CAF — février.pdf', 'application/pdf')).toBe('Relevé CAF — février.pdf');
  });

  it('drops directories, control and reserved characters, and leading dots', () => {
    expect(sanitizeFileName('../../etc/passwd.pdf', 'application/pdf')).toBe('passwd.pdf');
    expect(sanitizeFileName('C:\\Users\\marie\\rib.pdf', 'application/pdf')).toBe('rib.pdf');
    expect(sanitizeFileName('a\u0000b\u0007c<>:"|?*.pdf', 'application/pdf')).toBe('abc.pdf');
    expect(sanitizeFileName('.htaccess', 'application/pdf')).toBe('htaccess.pdf');
    expect(sanitizeFileName('  espaces   multiples  .pdf', 'application/pdf')).toBe('espaces multiples.pdf');
  });

  it('removes bidi controls that disguise the extension', () => {
    expect(sanitizeFileName('facture\u202Efdp.exe', 'application/pdf')).toBe('facturefdp.pdf');
  });

  it('makes the extension match the real type', () => {
    expect(sanitizeFileName('scan.pdf', 'image/png')).toBe('scan.png');
    expect(sanitizeFileName('programme.exe', 'application/pdf')).toBe('programme.pdf');
    expect(sanitizeFileName('sans extension', 'image/jpeg')).toBe('sans extension.jpg');
  });

  it('names a nameless file and bounds the length', () => {
    expect(sanitizeFileName(undefined, 'application/pdf')).toBe('document.pdf');
    expect(sanitizeFileName('', 'image/png')).toBe('document.png');
    expect(sanitizeFileName('../', 'image/png')).toBe('document.png');
    const long = sanitizeFileName(`${'é'.repeat(300)}.pdf`, 'application/pdf');
    expect(Array.from(long)).toHaveLength(120);
    expect(long.endsWith('.pdf')).toBe(true);
  });

  it('has an ASCII fallback for Content-Disposition', () => {
    expect(asciiFileName('Relevé "CAF";été.pdf')).toBe('Releve _CAF__ete.pdf');
    expect(asciiFileName('日本.pdf')).toBe('__.pdf');
  });
});

describe('validity and expiry of documents', () => {
  it('ends the validity on 31 August of the current school year', () => {
    expect(endOfSchoolYear('2026-11-26')).toBe('2027-08-31');
    expect(endOfSchoolYear('2026-09-01')).toBe('2027-08-31');
    expect(endOfSchoolYear('2027-08-31')).toBe('2027-08-31');
    expect(endOfSchoolYear('2027-01-15')).toBe('2027-08-31');
  });

  it('expires an accepted document the day after its last valid day', () => {
    const doc = { status: 'accepted' as const, validUntil: '2027-08-31' };
    expect(isExpired(doc, '2027-08-31')).toBe(false);
    expect(isExpired(doc, '2027-09-01')).toBe(true);
    expect(isExpired({ status: 'transmitted', validUntil: null }, '2030-01-01')).toBe(false);
    expect(isExpired({ status: 'refused', validUntil: '2020-01-01' }, '2027-09-01')).toBe(false);
    expect(isExpired({ status: 'accepted', validUntil: null }, '2030-01-01')).toBe(false);
  });

  it('lets parents delete only a document not yet reviewed', () => {
    expect(parentMayDelete('transmitted')).toBe(true);
    expect(parentMayDelete('accepted')).toBe(false);
    expect(parentMayDelete('refused')).toBe(false);
    expect(parentMayDelete('expired')).toBe(false);
  });
});
