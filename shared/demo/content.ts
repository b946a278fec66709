/** Texts of the demo portal (news and practical information), in French, paragraphs separated by blank lines. */

export const REGLEMENT_INTERIEUR = [
  "Le présent règlement s'applique au restaurant scolaire, à l'accueil périscolaire et aux accueils de loisirs (ALSH du mercredi et des vacances) de la commune de Marelle-sur-Meu. L'inscription à l'un de ces services vaut acceptation du règlement.",
  "1. Dossier famille. Chaque famille crée son compte sur le portail famille avec une adresse e-mail valide, confirme cette adresse, puis complète son dossier : coordonnées, foyer, enfants, fiche sanitaire, personnes autorisées et pièces justificatives (attestation de responsabilité civile, justificatif de quotient familial, RIB et mandat SEPA pour le prélèvement). Les réservations sont ouvertes une fois le dossier validé par le pôle enfance-jeunesse.",
  "2. Délai de réservation. Toute demande de réservation doit être faite au plus tard 7 jours avant la date souhaitée. Passé ce délai, les réservations de restaurant scolaire restent possibles mais le repas est majoré de 1 € (repas majoré) en plus du tarif habituel ; pour l'ALSH, la demande n'est plus acceptée sur le portail.",
  "3. Délai d'annulation. Comme pour les réservations, toute annulation doit être demandée au plus tard 7 jours avant la date. Pour le mercredi et le restaurant scolaire, une annulation demandée après ce délai est facturée. Pour les vacances scolaires, les réservations sont définitives : toute annulation ou absence est facturée, sauf absence exceptionnelle reconnue par le service.",
  "4. Absences. Une absence au restaurant scolaire pour maladie n'est pas facturée : le justificatif remis à l'école vaut pour le restaurant municipal. Un enfant qui se présente au restaurant sans réservation est accueilli, mais le repas est facturé au tarif habituel majoré de 1 €.",
  "5. Accueils de loisirs. Les ALSH sont des accueils déclarés soumis à des taux d'encadrement. Les demandes sont validées par les responsables dans l'ordre d'arrivée, en fonction des places disponibles. Si aucune place ne se libère, la demande est refusée 7 jours avant la date et la famille en est informée par e-mail avec le motif du refus.",
  "6. Besoins imprévus. Pour un besoin non prévisible, contactez le service concerné par téléphone : la situation est étudiée au cas par cas par le responsable du service, qui peut effectuer la réservation pour vous.",
  "7. Personnes autorisées. Les enfants ne sont remis qu'aux responsables légaux ou aux personnes autorisées inscrites sur la fiche de l'enfant (4 personnes au maximum), sur présentation d'une pièce d'identité.",
  "8. Garde alternée. Chaque parent peut avoir son propre dossier famille et partager le dossier de l'enfant. Chacun est facturé pour les réservations qu'il a effectuées, selon son propre quotient familial.",
  "9. Facturation. Une facture est établie chaque mois par famille. Elle peut être réglée en ligne (PayFiP), par prélèvement automatique, par chèque, en espèces ou en CESU (accueil périscolaire et ALSH) auprès de la régie.",
].join('\n\n');

export const GUIDE_ENFANCE_JEUNESSE = [
  "Bienvenue sur le portail famille de Marelle-sur-Meu. Accessible 7j/7 et 24h/24, il vous permet de gérer les inscriptions de vos enfants, d'effectuer vos réservations pour les différents services, de consulter et régler vos factures et de suivre les actualités du pôle enfance-jeunesse.",
  "Restauration scolaire. Le restaurant municipal accueille les élèves des écoles maternelle et élémentaire les lundis, mardis, jeudis et vendredis en période scolaire. Les menus sont élaborés avec une diététicienne et privilégient les produits locaux et de saison.",
  "Accueil périscolaire. Les enfants sont accueillis à l'espace Les Courtils le matin de 7 h 15 à 8 h 45 et le soir de 16 h 30 à 18 h 45, les jours d'école. Un goûter est servi le soir.",
  "ALSH du mercredi. L'accueil de loisirs ouvre les mercredis en période scolaire de 7 h 30 à 18 h 30, à la journée ou à la demi-journée, avec ou sans repas. Les enfants sont répartis en deux groupes : 3-5 ans et 6-11 ans.",
  "ALSH vacances. Pendant les vacances scolaires, l'accueil de loisirs propose des journées et des demi-journées, avec des sorties et des stages (poney, sortie à la mer…). Les réservations ouvrent quelques semaines avant chaque période et sont définitives.",
  "Mini-camps d'été. En juillet, de courts séjours sont proposés aux 7-11 ans. Les places sont limitées : réservez dès l'ouverture des inscriptions.",
  "Installer le portail. Si vous utilisez Google Chrome, cliquez sur « installer portail » pour y accéder depuis votre bureau ou l'écran d'accueil de votre téléphone.",
].join('\n\n');

export const MENUS_RESTAURANT = [
  "Les menus du restaurant scolaire sont publiés chaque mois sur cette page et affichés à l'entrée des écoles.",
  "Semaine du 30 novembre 2026. Lundi : potage de légumes, hachis parmentier, salade verte, yaourt fermier. Mardi : carottes râpées, filet de poisson sauce citron, riz, compote. Jeudi (menu végétarien) : salade de lentilles, gratin de pâtes aux légumes, fromage, fruit de saison. Vendredi : betteraves, rôti de dinde, haricots verts, crêpe au sucre.",
  "Régimes alimentaires. Des repas sans porc et végétariens sont proposés sur demande, à indiquer dans la fiche sanitaire de l'enfant. Les allergies alimentaires font l'objet d'un projet d'accueil individualisé (PAI) établi avec le médecin scolaire.",
  "Origine des produits. Viandes d'origine française, pain de la boulangerie du Meu, légumes et produits laitiers de producteurs du pays de Brocéliande.",
].join('\n\n');

export interface NewsText {
  service: 'restauration' | 'alsh_mercredi' | 'alsh_vacances';
  title: string;
  body: string;
  /** Paris date of publication. */
  publishOn: string;
}

export const NEWS: readonly NewsText[] = [
  {
    service: 'alsh_vacances',
    title: 'Vacances de Noël : les réservations sont ouvertes',
    body: [
      "Les réservations pour l'accueil de loisirs des vacances de Noël (du lundi 21 au mercredi 30 décembre 2026) sont ouvertes sur le portail famille.",
      "Attention : l'accueil de loisirs sera fermé les jeudis 24 et 31 décembre. Une séance de cinéma est prévue le mercredi 23 décembre pour les deux groupes.",
      'Rappel : pendant les vacances, les réservations sont définitives ; toute annulation ou absence est facturée, sauf absence exceptionnelle.',
    ].join('\n\n'),
    publishOn: '2026-11-23',
  },
  {
    service: 'alsh_mercredi',
    title: 'Mercredis de décembre : place aux jeux d’antan',
    body: [
      "En décembre, les mercredis de l'accueil de loisirs seront consacrés aux jeux d'autrefois : toupies, osselets, marelle et jeux de société en bois fabriqués par les enfants.",
      'Pensez à réserver au plus tard 7 jours avant chaque mercredi. Les demandes sont validées par l’équipe en fonction des places disponibles.',
    ].join('\n\n'),
    publishOn: '2026-11-16',
  },
  {
    service: 'restauration',
    title: 'Semaine du goût au restaurant scolaire',
    body: [
      'Du 12 au 16 octobre, le restaurant municipal a fait découvrir aux enfants les saveurs de la Bretagne : galettes de sarrasin, far breton et pommes du verger communal.',
      'Merci aux producteurs locaux qui sont venus présenter leur travail aux élèves. Les menus du mois sont disponibles dans la rubrique « Menus du restaurant ».',
    ].join('\n\n'),
    publishOn: '2026-10-19',
  },
];
