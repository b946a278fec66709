/** Vocabulary of the demo commune: names, streets, jobs, health notes. Everything is invented. */

export const SURNAMES: readonly string[] = [
  'Bernard', 'Dubois', 'Thomas', 'Robert', 'Richard', 'Petit', 'Durand', 'Leroy', 'Simon', 'Laurent',
  'Michel', 'Garcia', 'David', 'Bertrand', 'Roux', 'Vincent', 'Fournier', 'Morel', 'Girard', 'André',
  'Mercier', 'Dupont', 'Lambert', 'Bonnet', 'François', 'Martinez', 'Le Gall', 'Le Goff', 'Le Roux', 'Guérin',
  'Boucher', 'Rolland', 'Gauthier', 'Perrin', 'Chevalier', 'Hamon', 'Le Bihan', 'Tanguy', 'Jégou', 'Le Corre',
  'Riou', 'Guillou', 'Pichon', 'Collet', 'Renaud', 'Gicquel', 'Hervé', 'Lebreton', 'Lemoine', 'Barbier',
  'Carré', 'Caron', 'Faure', 'Brunet', 'Blanchard', 'Joly', 'Gaillard', 'Pasquier', 'Rivière', 'Noël',
  'Briand', 'Daniel', 'Le Floch', 'Kerhervé', 'Lucas', 'Besnard', 'Chauvin', 'Baudry', 'Texier', 'Ménard',
  'Ollivier', 'Le Berre', 'Cadiou', 'Quéré', 'Le Meur', 'Morvan', 'Guillard', 'Lemaître', 'Royer', 'Colin',
  'Marchand', 'Picard', 'Aubry', 'Bouvier', 'Robin', 'Hubert', 'Masson', 'Fontaine', 'Leclerc', 'Gérard',
  'Boyer', 'Denis', 'Lefebvre', 'Bailly', 'Prigent', 'Le Moal', 'Henry', 'Rousseau', 'Blin', 'Trévidic',
];

export const ADULT_FIRST_NAMES_F: readonly string[] = [
  'Aurélie', 'Émilie', 'Julie', 'Céline', 'Sandrine', 'Stéphanie', 'Élodie', 'Caroline', 'Audrey', 'Mélanie',
  'Anne-Sophie', 'Sophie', 'Laetitia', 'Marion', 'Pauline', 'Camille', 'Anaïs', 'Laura', 'Charlotte', 'Sarah',
  'Nolwenn', 'Gwenaëlle', 'Maud', 'Virginie', 'Delphine', 'Amandine', 'Lucie', 'Hélène', 'Morgane', 'Élise',
  'Justine', 'Marine', 'Solène', 'Gaëlle', 'Coralie', 'Vanessa', 'Jessica', 'Ophélie', 'Katell', 'Armelle',
];

export const ADULT_FIRST_NAMES_M: readonly string[] = [
  'Nicolas', 'Julien', 'Sébastien', 'Guillaume', 'Mathieu', 'Thomas', 'Romain', 'Jérôme', 'Florian', 'Maxime',
  'Antoine', 'Benoît', 'Kévin', 'Anthony', 'Cédric', 'Yann', 'Gwendal', 'Erwan', 'Loïc', 'Ronan',
  'Arnaud', 'Damien', 'Vincent', 'Fabien', 'Pierre', 'Olivier', 'Xavier', 'Alexandre', 'Jonathan', 'Mickaël',
  'Samuel', 'David', 'Grégory', 'Frédéric', 'Jean-Baptiste', 'Tanguy', 'Brice', 'Rémi', 'Aurélien', 'Gaël',
];

export const CHILD_FIRST_NAMES_F: readonly string[] = [
  'Léa', 'Emma', 'Jade', 'Louise', 'Alice', 'Chloé', 'Inès', 'Manon', 'Lina', 'Rose',
  'Anna', 'Mila', 'Ambre', 'Julia', 'Zoé', 'Léna', 'Nina', 'Lou', 'Romane', 'Agathe',
  'Margaux', 'Juliette', 'Iris', 'Léonie', 'Eva', 'Louna', 'Adèle', 'Maëlys', 'Capucine', 'Apolline',
  'Clémence', 'Mathilde', 'Victoire', 'Lilou', 'Elsa', 'Maïwenn', 'Gabrielle', 'Héloïse', 'Lya', 'Soline',
];

export const CHILD_FIRST_NAMES_M: readonly string[] = [
  'Gabriel', 'Raphaël', 'Louis', 'Arthur', 'Jules', 'Adam', 'Maël', 'Lucas', 'Hugo', 'Noah',
  'Liam', 'Sacha', 'Gabin', 'Nathan', 'Tom', 'Ethan', 'Paul', 'Aaron', 'Mathis', 'Timéo',
  'Nolan', 'Malo', 'Côme', 'Marius', 'Victor', 'Axel', 'Léon', 'Eliott', 'Yanis', 'Évan',
  'Tiago', 'Ewen', 'Titouan', 'Erwan', 'Gaspard', 'Augustin', 'Baptiste', 'Clément', 'Samuel', 'Noé',
];

export const STREETS: readonly string[] = [
  'rue des Lilas', 'allée des Hortensias', 'rue de la Mairie', 'impasse du Meu', 'rue du Moulin',
  'chemin de la Vallée', 'rue de Brocéliande', "place de l'Église", 'rue des Écoles', 'rue du Stade',
  'rue de Montfort', 'allée des Chênes', 'rue des Genêts', 'rue Anne-de-Bretagne', 'rue du Lavoir',
  'résidence Les Courtils', 'rue des Ajoncs', 'rue de la Forge', 'allée des Tilleuls', 'rue du Pont-Rouge',
  'rue des Bruyères', 'rue Jean-Jaurès', 'rue Victor-Hugo', 'rue des Prés', 'lotissement Le Clos Fleuri',
];

export const HAMLETS: readonly string[] = ['La Ville-Oger', 'Le Bois-Guy', 'La Croix-Madame', 'Trémelin', 'La Noë'];

/** [profession (masculin), profession (féminin), employer] */
export const JOBS: readonly (readonly [masculine: string, feminine: string, employer: string])[] = [
  ['Infirmier', 'Infirmière', 'Centre hospitalier de Montfort'],
  ['Professeur des écoles', 'Professeure des écoles', 'Éducation nationale'],
  ['Agent de production', 'Agente de production', 'Laiterie du Meu'],
  ['Technicien de maintenance', 'Technicienne de maintenance', 'Ouest Maintenance Industrielle'],
  ['Aide-soignant', 'Aide-soignante', 'EHPAD Les Jardins du Meu'],
  ['Comptable', 'Comptable', 'Cabinet Lebreton & associés'],
  ['Plombier chauffagiste', 'Plombière chauffagiste', 'SARL Bâti-Ouest'],
  ['Agriculteur', 'Agricultrice', 'GAEC de la Ville-Oger'],
  ['Commercial', 'Commerciale', 'Breizh Distribution'],
  ['Ingénieur informatique', 'Ingénieure informatique', 'Armor Logiciels'],
  ['Assistant maternel', 'Assistante maternelle', 'Particulier employeur'],
  ['Conducteur de car', 'Conductrice de car', 'Transports du Pays de Brocéliande'],
  ['Vendeur', 'Vendeuse', 'Supermarché du Centre'],
  ['Secrétaire médical', 'Secrétaire médicale', 'Maison de santé du Meu'],
  ['Boulanger', 'Boulangère', 'Boulangerie du Meu'],
  ['Agent territorial', 'Agente territoriale', 'Communauté de communes'],
  ['Électricien', 'Électricienne', 'Élec Service 35'],
  ['Chargé de clientèle', 'Chargée de clientèle', 'Crédit Breton'],
  ['Cariste', 'Cariste', 'Logistique de Brocéliande'],
  ['Pharmacien', 'Pharmacienne', 'Pharmacie de la Place'],
  ['Menuisier', 'Menuisière', 'Menuiserie Tanguy'],
  ['Auxiliaire de vie', 'Auxiliaire de vie', 'ADMR du Pays de Montfort'],
];

export const RELATIONSHIPS_GRANDPARENT: readonly (readonly [first: string, relationship: string])[] = [
  ['Monique', 'Grand-mère'],
  ['Martine', 'Grand-mère'],
  ['Françoise', 'Grand-mère'],
  ['Annick', 'Grand-mère'],
  ['Michel', 'Grand-père'],
  ['Alain', 'Grand-père'],
  ['Jean-Pierre', 'Grand-père'],
  ['Bernard', 'Grand-père'],
];

export const RELATIONSHIPS_OTHER: readonly string[] = [
  'Oncle', 'Tante', 'Voisine', 'Voisin', 'Assistante maternelle', 'Parrain', 'Marraine', 'Ami de la famille',
];

export interface AllergyProfile {
  allergies: string;
  pai: string | null;
  diet?: 'sans_gluten';
}

export const ALLERGIES: readonly AllergyProfile[] = [
  {
    allergies: 'Arachide',
    pai: "Allergie sévère à l'arachide : trousse d'urgence (stylo d'adrénaline) au restaurant scolaire et à l'accueil de loisirs. Panier-repas fourni par la famille.",
  },
  {
    allergies: 'Fruits à coque (noix, noisette, amande)',
    pai: "Éviction des fruits à coque. Antihistaminique et stylo d'adrénaline dans la trousse d'urgence.",
  },
  { allergies: 'Œuf', pai: "Éviction de l'œuf cru et cuit. Antihistaminique en cas de réaction." },
  { allergies: 'Protéines de lait de vache', pai: 'Éviction des produits laitiers. Laitage de substitution fourni.' },
  { allergies: 'Pollens de graminées (rhinite saisonnière)', pai: null },
  { allergies: 'Kiwi', pai: null },
  { allergies: 'Piqûres de guêpe', pai: "Stylo d'adrénaline à emporter lors des sorties." },
  { allergies: 'Gluten (maladie cœliaque)', pai: 'Régime sans gluten strict : repas adapté par le restaurant municipal.', diet: 'sans_gluten' },
];

export const ASTHMA_PAI = "Asthme : Ventoline (2 bouffées) en cas de crise, prévenir les parents. Chambre d'inhalation dans le sac.";

export const DOCTORS: readonly string[] = [
  'Dr Anne Le Bris',
  'Dr Paul Mahé',
  'Dr Sylvie Hamon',
  'Dr Yves Coquelin',
  'Dr Hélène Tréguier',
  'Maison de santé du Meu',
];

export const MATERNELLE_PUBLIQUE = 'École maternelle publique Les Hirondelles';
export const ELEMENTAIRE_PUBLIQUE = 'École élémentaire publique Jules-Verne';
export const ECOLE_PRIVEE = 'École privée Sainte-Anne';
