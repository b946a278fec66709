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
