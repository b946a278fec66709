import { Fragment, useMemo } from 'react';
import { parseSimpleText, type SimpleInline } from '../../../../shared/content/simple-text';

// The one renderer of staff-written text ("mise en forme simple"), used by the portal and by
// the back-office's "Aperçu": React elements built from the parser's tree, never HTML.

function Inline({ nodes }: { nodes: SimpleInline[] }) {
  return (
    <>
      {nodes.map((node, index) => {
        switch (node.type) {
          case 'text':
            return <Fragment key={index}>{node.text}</Fragment>;
          case 'break':
            return <br key={index} />;
          case 'strong':
            return (
              <strong key={index}>
                <Inline nodes={node.children} />
              </strong>
            );
          case 'em':
            return (
              <em key={index}>
                <Inline nodes={node.children} />
              </em>
            );
          case 'link':
            return (
              <a key={index} href={node.href} rel="noopener noreferrer">
                {node.text}
              </a>
            );
        }
      })}
    </>
  );
}

/** Staff text rendered as paragraphs, lists, bold, italics and links. */
export function SimpleText({ text, className = 'simple-text' }: { text: string; className?: string }) {
  const doc = useMemo(() => parseSimpleText(text), [text]);
  return (
    <div className={className}>
      {doc.blocks.map((block, index) =>
        block.type === 'paragraph' ? (
          <p key={index}>
            <Inline nodes={block.children} />
          </p>
        ) : (
          <ul key={index}>
            {block.items.map((item, itemIndex) => (
              <li key={itemIndex}>
                <Inline nodes={item} />
              </li>
            ))}
          </ul>
        ),
      )}
    </div>
  );
}
