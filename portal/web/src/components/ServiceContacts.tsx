import { telHref } from '../format';
import type { PublicService } from '../types';

/** "Les coordonnées et les liens des différents services". */
export function ServiceContacts({ services }: { services: PublicService[] }) {
  if (services.length === 0) return <p className="muted">Aucun service n’est publié pour le moment.</p>;
  return (
    <ul className="cards">
      {services.map((service) => (
        <li key={service.id} className="card">
          <h3>{service.name}</h3>
          {service.description && <p>{service.description}</p>}
          <ul className="contact-list">
            {service.contact.phone && (
              <li>
                Téléphone&nbsp;: <a href={telHref(service.contact.phone)}>{service.contact.phone}</a>
              </li>
            )}
            {service.contact.email && (
              <li>
                Courriel&nbsp;: <a href={`mailto:${service.contact.email}`}>{service.contact.email}</a>
              </li>
            )}
            {service.contact.url && (
              <li>
                <a href={service.contact.url}>
                  Page du service<span className="visually-hidden"> {service.name}</span>
                </a>
              </li>
            )}
          </ul>
        </li>
      ))}
    </ul>
  );
}
