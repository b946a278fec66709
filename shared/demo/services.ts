/** The five services of the demo commune, with the rules of the guide as their settings. */
import type { Bool } from '../db/tables/common';
import type { ApprovalMode, LateBookingPolicy, LateCancellationPolicy, RatioRegime, ServiceKind } from '../db/tables/services.table';

/** Prices in cents for the brackets QF 0–600, 601–1000, 1001–1500, 1501+, Extérieur. */
export type Prices = readonly [number, number, number, number, number];

export interface UnitSpec {
  code: string;
  name: string;
  kind: 'accueil' | 'activite';
  start: string | null;
  end: string | null;
  prices: Prices;
}

export interface GroupSpec {
  name: string;
  min: number;
  max: number;
  places: number;
}

export interface StaffingSpec {
  long: Bool;
  underSix: number;
  sixPlus: number;
}

export type DemoServiceCode = 'restauration' | 'periscolaire' | 'alsh_mercredi' | 'alsh_vacances' | 'mini_camps';

export interface ServiceSpec {
  code: DemoServiceCode;
  name: string;
  description: string;
  kind: ServiceKind;
  ratio: RatioRegime;
  approval: ApprovalMode;
  deadlineDays: number;
  lateBooking: LateBookingPolicy;
  lateCancellation: LateCancellationPolicy;
  bookingsFinal: Bool;
  lateSurchargeCents: number;
  unbookedSurchargeCents: number;
  justifiedAbsenceBilled: Bool;
  contact: { email: string; phone: string; url: string };
  units: readonly UnitSpec[];
  /** Pairs of unit codes that cannot be booked the same day (stored in both directions). */
  incompatible: readonly (readonly [string, string])[];
  groups: readonly GroupSpec[];
  staffing: readonly StaffingSpec[];
}

export const TARIFF_BRACKETS: readonly { label: string; min: number; max: number | null; outside: Bool }[] = [
  { label: 'QF de 0 à 600', min: 0, max: 600, outside: 0 },
  { label: 'QF de 601 à 1000', min: 601, max: 1000, outside: 0 },
  { label: 'QF de 1001 à 1500', min: 1001, max: 1500, outside: 0 },
  { label: 'QF de 1501 et plus', min: 1501, max: null, outside: 0 },
  { label: 'Extérieur', min: 0, max: null, outside: 1 },
];

const REPAS: Prices = [120, 250, 340, 415, 550];
const JOURNEE: Prices = [600, 900, 1250, 1600, 2000];
const DEMI_JOURNEE: Prices = [300, 450, 620, 800, 1000];

// Legal ratios (Code de l'action sociale et des familles): extrascolaire R227-15 1/8 under six,
// 1/12 from six; périscolaire R227-16 sessions of 5 h or less 1/10 and 1/14, longer 1/8 and 1/12.
const EXTRASCOLAIRE: StaffingSpec = { long: 0, underSix: 8, sixPlus: 12 };
const PERISCOLAIRE_SHORT: StaffingSpec = { long: 0, underSix: 10, sixPlus: 14 };
const PERISCOLAIRE_LONG: StaffingSpec = { long: 1, underSix: 8, sixPlus: 12 };

const AGE_GROUPS = (places3to5: number, places6to11: number): GroupSpec[] => [
  { name: '3-5 ans', min: 3, max: 5, places: places3to5 },
  { name: '6-11 ans', min: 6, max: 11, places: places6to11 },
];

export const DEMO_SERVICES: readonly ServiceSpec[] = [
  {
    code: 'restauration',
    name: 'Restauration scolaire',
    description:
      'Le restaurant municipal accueille les élèves des écoles maternelle et élémentaire les lundis, mardis, jeudis et vendredis en période scolaire.',
    kind: 'restauration',
    ratio: 'none',
    approval: 'automatic',
    deadlineDays: 7,
    lateBooking: 'surcharge',
    lateCancellation: 'billed',
    bookingsFinal: 0,
    lateSurchargeCents: 100,
    unbookedSurchargeCents: 100,
    justifiedAbsenceBilled: 0,
    contact: { email: 'restaurant.scolaire@mairie.demo', phone: '02 61 91 00 12', url: 'https://www.marelle-sur-meu.demo/restaurant-scolaire' },
    units: [{ code: 'repas', name: 'Repas', kind: 'accueil', start: '11:45', end: '13:30', prices: REPAS }],
    incompatible: [],
    groups: [{ name: 'Élémentaire et maternelle', min: 3, max: 11, places: 220 }],
    staffing: [],
  },
  {
    code: 'periscolaire',
    name: 'Accueil périscolaire',
    description: "Accueil des enfants scolarisés avant et après la classe, à l'espace Les Courtils, les jours d'école.",
    kind: 'periscolaire',
    ratio: 'periscolaire',
    approval: 'automatic',
    deadlineDays: 7,
    lateBooking: 'accept',
    lateCancellation: 'free',
    bookingsFinal: 0,
    lateSurchargeCents: 0,
    unbookedSurchargeCents: 0,
    justifiedAbsenceBilled: 0,
    contact: { email: 'periscolaire@mairie.demo', phone: '02 61 91 00 14', url: 'https://www.marelle-sur-meu.demo/periscolaire' },
    units: [
      { code: 'matin', name: 'Accueil du matin', kind: 'accueil', start: '07:15', end: '08:45', prices: [90, 130, 170, 210, 260] },
      { code: 'soir', name: 'Accueil du soir (goûter compris)', kind: 'accueil', start: '16:30', end: '18:45', prices: [120, 180, 230, 280, 340] },
    ],
    incompatible: [],
    groups: AGE_GROUPS(30, 56),
    staffing: [PERISCOLAIRE_SHORT],
  },
  {
    code: 'alsh_mercredi',
    name: 'ALSH du mercredi',
    description: "Accueil de loisirs des mercredis en période scolaire, à la journée ou à la demi-journée, avec ou sans repas.",
    kind: 'alsh_mercredi',
    ratio: 'periscolaire',
    approval: 'manual',
    deadlineDays: 7,
    lateBooking: 'refuse',
    lateCancellation: 'billed',
    bookingsFinal: 0,
    lateSurchargeCents: 0,
    unbookedSurchargeCents: 0,
    justifiedAbsenceBilled: 0,
    contact: { email: 'alsh@mairie.demo', phone: '02 61 91 00 16', url: 'https://www.marelle-sur-meu.demo/alsh' },
    units: [
      { code: 'journee', name: 'Journée (repas compris)', kind: 'accueil', start: '07:30', end: '18:30', prices: JOURNEE },
      { code: 'matin', name: 'Matin', kind: 'accueil', start: '07:30', end: '12:00', prices: DEMI_JOURNEE },
      { code: 'apres_midi', name: 'Après-midi', kind: 'accueil', start: '13:30', end: '18:30', prices: DEMI_JOURNEE },
      { code: 'repas', name: 'Repas', kind: 'accueil', start: '12:00', end: '13:30', prices: REPAS },
    ],
    incompatible: [
      ['journee', 'matin'],
      ['journee', 'apres_midi'],
    ],
    groups: AGE_GROUPS(48, 48),
    // Wednesdays are long sessions (more than 5 hours); a half day alone is a short one.
    staffing: [PERISCOLAIRE_LONG, PERISCOLAIRE_SHORT],
  },
  {
    code: 'alsh_vacances',
    name: 'ALSH vacances',
    description:
      "Accueil de loisirs pendant les vacances scolaires : journées, demi-journées, sorties et stages. Les réservations sont définitives.",
    kind: 'alsh_vacances',
    ratio: 'extrascolaire',
    approval: 'manual',
    deadlineDays: 7,
    lateBooking: 'refuse',
    lateCancellation: 'billed',
    bookingsFinal: 1,
    lateSurchargeCents: 0,
    unbookedSurchargeCents: 0,
    justifiedAbsenceBilled: 1,
    contact: { email: 'alsh@mairie.demo', phone: '02 61 91 00 16', url: 'https://www.marelle-sur-meu.demo/alsh' },
    units: [
      { code: 'journee', name: 'Journée (repas compris)', kind: 'accueil', start: '07:30', end: '18:30', prices: JOURNEE },
      { code: 'demi_journee', name: 'Demi-journée', kind: 'accueil', start: '13:30', end: '18:30', prices: DEMI_JOURNEE },
      { code: 'sortie_mer', name: 'Sortie à la mer', kind: 'activite', start: '09:00', end: '17:30', prices: [300, 400, 500, 600, 800] },
      { code: 'stage_poney', name: 'Stage poney', kind: 'activite', start: '14:00', end: '16:30', prices: [800, 1000, 1200, 1500, 1800] },
      { code: 'cinema', name: 'Séance de cinéma', kind: 'activite', start: '14:00', end: '16:00', prices: [200, 250, 300, 350, 450] },
    ],
    incompatible: [['journee', 'demi_journee']],
    groups: AGE_GROUPS(48, 48),
    staffing: [EXTRASCOLAIRE],
  },
  {
    code: 'mini_camps',
    name: "Mini-camps d'été",
    description: "Courts séjours en juillet pour les 7-11 ans (nuitées sous tente, activités de pleine nature). Places limitées.",
    kind: 'autre',
    ratio: 'extrascolaire',
    approval: 'manual',
    deadlineDays: 7,
    lateBooking: 'refuse',
    lateCancellation: 'billed',
    bookingsFinal: 1,
    lateSurchargeCents: 0,
    unbookedSurchargeCents: 0,
    justifiedAbsenceBilled: 1,
    contact: { email: 'alsh@mairie.demo', phone: '02 61 91 00 16', url: 'https://www.marelle-sur-meu.demo/mini-camps' },
    units: [{ code: 'journee_camp', name: 'Journée de mini-camp (nuitée comprise)', kind: 'accueil', start: null, end: null, prices: [1200, 1800, 2400, 2800, 3400] }],
    incompatible: [],
    groups: [{ name: '7-11 ans', min: 7, max: 11, places: 16 }],
    staffing: [EXTRASCOLAIRE],
  },
];
