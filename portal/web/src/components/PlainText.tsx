import { toParagraphs } from '../format';

/** Plain text from the server, rendered as paragraphs (never as HTML). */
export function PlainText({ text }: { text: string }) {
  return (
    <div className="plain-text">
      {toParagraphs(text).map((paragraph, i) => (
        <p key={i}>{paragraph}</p>
      ))}
    </div>
  );
}
