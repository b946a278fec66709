import { formatDate } from '../format';
import type { NewsItem } from '../types';
import { AttachmentLinks } from './AttachmentLinks';
import { SimpleText } from './SimpleText';

/** "Les actualités des services", newest first (server order). */
export function NewsList({ news }: { news: NewsItem[] }) {
  if (news.length === 0) return <p className="muted">Aucune actualité pour le moment.</p>;
  return (
    <div className="news">
      {news.map((item) => (
        <article key={item.id} className="news__item" aria-labelledby={`actualite-${item.id}`}>
          <h3 id={`actualite-${item.id}`}>{item.title}</h3>
          <p className="news__meta">
            Publiée le <time dateTime={item.publishedAt}>{formatDate(item.publishedAt)}</time>
            {item.service && <> · {item.service.name}</>}
          </p>
          <SimpleText text={item.body} />
          <AttachmentLinks attachments={item.attachments} label={`Documents de l’actualité « ${item.title} »`} />
        </article>
      ))}
    </div>
  );
}
