import { useCallback } from 'react';
import { Link, useParams } from 'react-router';
import { getInfoPage } from '../api';
import { ErrorAlert } from '../components/ErrorAlert';
import { Loading } from '../components/Loading';
import { AttachmentLinks } from '../components/AttachmentLinks';
import { SimpleText } from '../components/SimpleText';
import { useResource } from '../useResource';

/** `/infos/:slug`: an "Informations pratiques" page, its text and its files to download. */
export function InfoPage() {
  const { slug = '' } = useParams();
  const load = useCallback((signal: AbortSignal) => getInfoPage(slug, signal), [slug]);
  const page = useResource(load);

  if (page.status === 'loading') {
    return (
      <>
        <h1>Informations pratiques</h1>
        <Loading />
      </>
    );
  }
  if (page.status === 'error') {
    const missing = page.error.status === 404;
    return (
      <>
        <title>Informations pratiques — Portail famille</title>
        <h1>{missing ? 'Page introuvable' : 'Informations pratiques'}</h1>
        <ErrorAlert message={missing ? 'Cette page n’existe pas ou n’est plus publiée.' : page.error.message} />
        <p>
          <Link to="/">Retour à l’accueil</Link>
        </p>
      </>
    );
  }
  const { title, body, service, attachments } = page.data;
  return (
    <article className="info-page">
      <title>{`${title} — Portail famille`}</title>
      <h1>{title}</h1>
      {service && <p className="muted">{service.name}</p>}
      <SimpleText text={body} />
      {attachments.length > 0 && (
        <section aria-labelledby="documents-titre">
          <h2 id="documents-titre">Documents à télécharger</h2>
          <AttachmentLinks attachments={attachments} />
        </section>
      )}
      <p>
        <Link to="/">Retour à l’accueil</Link>
      </p>
    </article>
  );
}
