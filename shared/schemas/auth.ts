import { z } from 'zod';

/** Shared by the API and the login forms, so both say the same thing about the same mistake. */
export const loginSchema = z.strictObject({
  email: z.string().trim().max(254, 'Adresse e-mail trop longue.').pipe(z.email('Adresse e-mail invalide.')),
  password: z.string().min(1, 'Saisissez votre mot de passe.').max(200, 'Mot de passe trop long.'),
});
export type LoginInput = z.infer<typeof loginSchema>;
