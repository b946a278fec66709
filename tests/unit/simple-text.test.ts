import { describe, expect, it } from 'vitest';
import { newsState, slugify, uniqueSlug } from '../../shared/content/rules';
import { parseSimpleText, simpleTextToPlain, type SimpleBlock } from '../../shared/content/simple-text';

const blocks = (text: string): SimpleBlock[] => parseSimpleText(text).blocks;
const text = (t: string) => ({ type: 'text' as const, text: t });
const paragraph = (...children: ReturnType<typeof text>[]) => ({ type: 'paragraph' as const, children });

describe('parseSimpleText — the "mise en forme simple" of news and info pages', () => {
  it('splits paragraphs on blank lines and keeps single line breaks', () => {
    expect(blocks('Premier paragraphe.\n\n\nDeuxième,\nsur deux lignes.\r\n\r\nTroisième.')).toEqual([
      paragraph(text('Premier paragraphe.')),
      { type: 'paragraph', children: [text('Deuxième,'), { type: 'break' }, text('sur deux lignes.')] },
      paragraph(text('Troisième.')),
    ]);
    expect(blocks('')).toEqual([]);
    expect(blocks('  \n \n\t')).toEqual([]);
  });

  it('reads **gras** and *italique*, nested either way', () => {
    expect(blocks('Les **inscriptions** sont *ouvertes*.')).toEqual([
      {
        type: 'paragraph',
        children: [
          text('Les '),
          { type: 'strong', children: [text('inscriptions')] },
          text(' sont '),
          { type: 'em', children: [text('ouvertes')] },
          text('.'),
        ],
      },
    ]);
    expect(blocks('**très *important***')).toEqual([
      { type: 'paragraph', children: [{ type: 'strong', children: [text('très '), { type: 'em', children: [text('important')] }] }] },
    ]);
    expect(blocks('*menu **bio** du jour*')).toEqual([
      { type: 'paragraph', children: [{ type: 'em', children: [text('menu '), { type: 'strong', children: [text('bio')] }, text(' du jour')] }] },
    ]);
  });

  it('leaves lone or spaced asterisks as typed', () => {
    expect(blocks('5 * 3 = 15 et 2 * 4 = 8')).toEqual([paragraph(text('5 * 3 = 15 et 2 * 4 = 8'))]);
    expect(blocks('**pas fermé')).toEqual([paragraph(text('**pas fermé'))]);
    expect(blocks('* pas de l’italique *')).toEqual([paragraph(text('* pas de l’italique *'))]);
    expect(blocks('****')).toEqual([paragraph(text('****'))]);
  });

  it('turns lines starting with "- " into one list, beside the sentence that introduces it', () => {
    expect(blocks('Au menu :\n- potage\n- **gratin** de pâtes\n-  fruit\n\nBon appétit !')).toEqual([
      paragraph(text('Au menu :')),
      { type: 'list', items: [[text('potage')], [{ type: 'strong', children: [text('gratin')] }, text(' de pâtes')], [text('fruit')]] },
      paragraph(text('Bon appétit !')),
    ]);
    // No space after the dash, or nothing after it: not an item.
    expect(blocks('-5 °C\n- ')).toEqual([{ type: 'paragraph', children: [text('-5 °C'), { type: 'break' }, text('-')] }]);
  });

  it('links bare https:// addresses only, without the sentence’s punctuation', () => {
    expect(blocks('Voir https://www.service-public.fr/particuliers. Merci')).toEqual([
      {
        type: 'paragraph',
        children: [
          text('Voir '),
          { type: 'link', href: 'https://www.service-public.fr/particuliers', text: 'https://www.service-public.fr/particuliers' },
          text('. Merci'),
        ],
      },
    ]);
    expect(blocks('(https://fr.wikipedia.org/wiki/Marelle_(jeu))')).toEqual([
      {
        type: 'paragraph',
        children: [
          text('('),
          { type: 'link', href: 'https://fr.wikipedia.org/wiki/Marelle_(jeu)', text: 'https://fr.wikipedia.org/wiki/Marelle_(jeu)' },
          text(')'),
        ],
      },
    ]);
    // Only https, only written on its own, and with a host.
    for (const typed of ['http://exemple.fr', 'javascript:alert(1)', 'xhttps://exemple.fr', 'https://', 'https://user:pw@exemple.fr', 'data:text/html,<b>x</b>']) {
      expect(blocks(typed)).toEqual([paragraph(text(typed))]);
    }
  });

  it('links an address inside bold text', () => {
    expect(blocks('**Inscriptions : https://marelle.fr/inscriptions**')).toEqual([
      {
        type: 'paragraph',
        children: [
          {
            type: 'strong',
            children: [text('Inscriptions : '), { type: 'link', href: 'https://marelle.fr/inscriptions', text: 'https://marelle.fr/inscriptions' }],
          },
        ],
      },
    ]);
  });

  it('keeps an asterisk inside an address out of the emphasis', () => {
    expect(blocks('*voir* https://exemple.fr/a*b*c')).toEqual([
      {
        type: 'paragraph',
        children: [
          { type: 'em', children: [text('voir')] },
          text(' '),
          { type: 'link', href: 'https://exemple.fr/a*b*c', text: 'https://exemple.fr/a*b*c' },
        ],
      },
    ]);
  });

  it('never produces markup: <script> and HTML stay text', () => {
    const typed = '<script>alert("x")</script>\n\n<b onclick="x()">gras</b> <a href="javascript:alert(1)">lien</a>';
    expect(blocks(typed)).toEqual([
      paragraph(text('<script>alert("x")</script>')),
      paragraph(text('<b onclick="x()">gras</b> <a href="javascript:alert(1)">lien</a>')),
    ]);
    // A link's href is always a parsed https URL: quotes and angle brackets end it.
    const [block] = blocks('https://exemple.fr/"><script>');
    expect(block).toEqual({
      type: 'paragraph',
      children: [{ type: 'link', href: 'https://exemple.fr/', text: 'https://exemple.fr/' }, text('"><script>')],
    });
  });

  it('stays fast on 20,000 characters of unmatched markers', () => {
    const start = performance.now();
    parseSimpleText('*a '.repeat(6_666));
    parseSimpleText('**a '.repeat(5_000));
    expect(performance.now() - start).toBeLessThan(1_000);
  });

  it('gives back the words without the formatting', () => {
    expect(simpleTextToPlain(parseSimpleText('**Menu** :\n- *soupe*\n\nhttps://exemple.fr'))).toBe('Menu :\n\n- soupe\n\nhttps://exemple.fr');
  });
});

describe('content rules', () => {
  it('a news item is scheduled, published, then expired (end excluded)', () => {
    const from = '2026-12-01T08:00:00.000Z';
    const until = '2026-12-10T08:00:00.000Z';
    expect(newsState(from, until, '2026-11-30T23:59:59.999Z')).toBe('scheduled');
    expect(newsState(from, until, from)).toBe('published');
    expect(newsState(from, until, '2026-12-10T07:59:59.999Z')).toBe('published');
    expect(newsState(from, until, until)).toBe('expired');
    expect(newsState(from, null, '2036-01-01T00:00:00.000Z')).toBe('published');
  });

  it('slugs are readable, accent-free and unique', () => {
    expect(slugify('Menus de décembre')).toBe('menus-de-decembre');
    expect(slugify('  Règlement intérieur — 2026/2027 !  ')).toBe('reglement-interieur-2026-2027');
    expect(slugify('Cœur & Œuvres')).toBe('coeur-oeuvres');
    expect(slugify('???')).toBe('page');
    expect(slugify('a'.repeat(200))).toHaveLength(80);
    expect(uniqueSlug('menus', new Set(['menus', 'menus-2']))).toBe('menus-3');
    expect(uniqueSlug('menus', new Set())).toBe('menus');
    const long = 'a'.repeat(80);
    expect(uniqueSlug(long, new Set([long]))).toBe(`${'a'.repeat(78)}-2`);
  });
});
