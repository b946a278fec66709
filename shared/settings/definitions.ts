import { z } from 'zod';
import type { SettingDef } from './settings';

export const maintenanceSchema = z.object({
  enabled: z.boolean(),
  message: z.string().trim().max(500, 'Le message ne doit pas dépasser 500 caractères.').nullable(),
});
export type Maintenance = z.infer<typeof maintenanceSchema>;

export const MAINTENANCE: SettingDef<Maintenance> = {
  key: 'portal.maintenance',
  schema: maintenanceSchema,
  fallback: { enabled: false, message: null },
};

export const communeSchema = z.object({
  name: z.string().min(1),
  address: z.string(),
  postalCode: z.string(),
  city: z.string(),
  phone: z.string(),
  email: z.string(),
  website: z.string(),
  /** INSEE-style zone of the school calendar. */
  schoolZone: z.enum(['A', 'B', 'C']),
});
export type Commune = z.infer<typeof communeSchema>;

export const COMMUNE: SettingDef<Commune> = {
  key: 'commune',
  schema: communeSchema,
  fallback: {
    name: 'Ma commune',
    address: '',
    postalCode: '',
    city: '',
    phone: '',
    email: '',
    website: '',
    schoolZone: 'B',
  },
};

// ---- payments (issue 9): PayFiP and the SEPA creditor -----------------------------------------

export const payfipSettingsSchema = z.object({
  /** The commune's PayFiP client number (numcli, 6 digits), '' while not subscribed. */
  numcli: z.string().regex(/^(\d{6})?$/, 'Le numéro client PayFiP (numcli) comporte 6 chiffres.'),
  /** SOAP endpoint of PaiementSecuriseService (the WSDL address without `?wsdl`). */
  wsUrl: z.url({ error: "L'adresse du service web PayFiP doit être une URL." }),
  /** The payer's page; `?idop=…` is appended. */
  paymentPageUrl: z.url({ error: "L'adresse de la page de paiement PayFiP doit être une URL." }),
  /** T: test, X: activation, W: production. */
  saisie: z.enum(['T', 'X', 'W'], { error: 'Mode de saisie PayFiP : T (test), X (activation) ou W (production).' }),
  /** Use the built-in simulator instead (honoured only by a demo server, MARELLE_DEMO=1). */
  simulator: z.boolean(),
});
export type PayfipSettings = z.infer<typeof payfipSettingsSchema>;

export const PAYFIP: SettingDef<PayfipSettings> = {
  key: 'payments.payfip',
  schema: payfipSettingsSchema,
  fallback: {
    numcli: '',
    wsUrl: 'https://www.payfip.gouv.fr/tpa/services/mas_securite/contrat_paiement_securise/PaiementSecuriseService',
    paymentPageUrl: 'https://www.payfip.gouv.fr/tpa/paiementws.web',
    saisie: 'T',
    simulator: true,
  },
};

export const sepaCreditorSchema = z.object({
  /** Identifiant créancier SEPA (ICS), e.g. FR12ZZZ123456; '' while not set. */
  ics: z.string(),
  name: z.string().max(70),
  iban: z.string(),
  bic: z.string(),
});
export type SepaCreditor = z.infer<typeof sepaCreditorSchema>;

export const SEPA_CREDITOR: SettingDef<SepaCreditor> = {
  key: 'payments.sepa_creditor',
  schema: sepaCreditorSchema,
  fallback: { ics: '', name: '', iban: '', bic: '' },
};
