import { z } from 'zod';
import { passwordWeakness } from '../auth/passwordPolicy';

/**
 * Account forms (registration, confirmation, forgotten password, e-mail and password change),
 * shared by the API and the portal's forms so both say the same thing about the same mistake.
 * The password strength rule (shared/auth/passwordPolicy.ts, no argon2) is part of the schema, so
 * the forms say why a password is weak before sending it.
 */

/** Trimmed and lower-cased before it is checked, so "Alice@Example.fr " and "alice@example.fr" are one account. */
export const emailField = z
  .string({ error: 'Saisissez votre adresse e-mail.' })
  .trim()
  .toLowerCase()
  .min(1, 'Saisissez votre adresse e-mail.')
  .max(254, 'Adresse e-mail trop longue.')
  .pipe(z.email('Adresse e-mail invalide : vérifiez son orthographe (exemple : prenom.nom@exemple.fr).'));

// The upper bound only keeps argon2 away from megabyte-long inputs; the strength rules say the rest.
const newPasswordField = z
  .string({ error: 'Choisissez un mot de passe.' })
  .min(1, 'Choisissez un mot de passe.')
  .max(200, 'Le mot de passe ne doit pas dépasser 128 caractères.')
  .superRefine((password, ctx) => {
    const weakness = passwordWeakness(password);
    if (weakness) ctx.addIssue({ code: 'custom', message: weakness });
  });

const currentPasswordField = z
  .string({ error: 'Saisissez votre mot de passe actuel.' })
  .min(1, 'Saisissez votre mot de passe actuel.')
  .max(200, 'Mot de passe trop long.');

// Tokens are 43 base64url characters; anything else is answered as an invalid link, not a form error.
const tokenField = z
  .string({ error: 'Le lien est incomplet : copiez l’adresse entière reçue par e-mail.' })
  .trim()
  .min(1, 'Le lien est incomplet : copiez l’adresse entière reçue par e-mail.')
  .max(200, 'Ce lien n’est pas valide.');

export const registerSchema = z.strictObject({ email: emailField, password: newPasswordField });
export type RegisterInput = z.infer<typeof registerSchema>;

export const emailOnlySchema = z.strictObject({ email: emailField });
export type EmailOnlyInput = z.infer<typeof emailOnlySchema>;

export const tokenSchema = z.strictObject({ token: tokenField });
export type TokenInput = z.infer<typeof tokenSchema>;

export const resetPasswordSchema = z.strictObject({ token: tokenField, password: newPasswordField });
export type ResetPasswordInput = z.infer<typeof resetPasswordSchema>;

export const changePasswordSchema = z.strictObject({ currentPassword: currentPasswordField, newPassword: newPasswordField });
export type ChangePasswordInput = z.infer<typeof changePasswordSchema>;

export const changeEmailSchema = z.strictObject({ newEmail: emailField, currentPassword: currentPasswordField });
export type ChangeEmailInput = z.infer<typeof changeEmailSchema>;
