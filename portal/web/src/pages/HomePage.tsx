import { Link } from 'react-router';
import { ErrorAlert } from '../components/ErrorAlert';
import { Loading } from '../components/Loading';
import { LoginForm } from '../components/LoginForm';
import { NewsList } from '../components/NewsList';
import { ServiceContacts } from '../components/ServiceContacts';
import { usePortal } from '../portalContext';

export function HomePage() {
  const portal = usePortal();
  const data = portal.status === 'ok' ? portal.data : null;
  const maintenance = data?.maintenance.enabled ?? false;

  return (
    <>
      <title>{data ? `Portail famille — ${data.commune.name}` : 'Portail famille'}</title>
      <h1>Bienvenue sur le portail famille</h1>
      <p className="lead">
        Mis en place par la municipalité, le portail famille est une plateforme sécurisée, accessible 7j/7
        et 24h/24&nbsp;: inscriptions de vos enfants, démarches, réservations, factures et actualités des
        services.
      </p>
      {portal.status === 'error' && <ErrorAlert error={portal.error} />}

      <section className="panel panel--login" aria-labelledby="connexion-titre">
        <h2 id="connexion-titre">Votre espace de connexion</h2>
        {maintenance ? (
          <p>La connexion est momentanément indisponible pendant la maintenance du portail.</p>
        ) : (
          <>
            <LoginForm />
            <div className="signup">
              <p>Vous venez d’arriver sur la commune ou c’est votre première inscription à l’un de nos services ?</p>
              <Link to="/creer-mon-compte" className="button button--accent">
                Créer mon compte
              </Link>
            </div>
          </>
        )}
      </section>

      <section aria-labelledby="services-titre">
        <h2 id="services-titre">Les services et leurs coordonnées</h2>
        {portal.status === 'loading' && <Loading />}
        {data && <ServiceContacts services={data.services} />}
      </section>

      <section aria-labelledby="actualites-titre">
        <h2 id="actualites-titre">Actualités</h2>
        {portal.status === 'loading' && <Loading />}
        {data && <NewsList news={data.news} />}
      </section>
    </>
  );
}
