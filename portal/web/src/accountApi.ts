import { rememberCsrfToken, readCookie, request } from './api';
import type { MessageResponse } from './types';

// Account routes: registration, e-mail confirmation, passwords (docs/API.md, "Parents — account").

export const register = (input: { email: string; password: string }) =>
  request<MessageResponse>('POST', '/api/auth/register', input);

export async function verifyEmail(token: string): Promise<MessageResponse> {
  const res = await request<MessageResponse>('POST', '/api/auth/verify-email', { token });
  // The answer opened a session: its CSRF cookie is readable now.
  rememberCsrfToken(readCookie('marelle_csrf'));
  return res;
}

export const confirmEmailChange = (token: string) =>
  request<MessageResponse & { email: string }>('POST', '/api/auth/confirm-email-change', { token });

export const resendVerification = (email: string) =>
  request<MessageResponse>('POST', '/api/auth/resend-verification', { email });

export const forgotPassword = (email: string) => request<MessageResponse>('POST', '/api/auth/forgot-password', { email });

export const resetPassword = (input: { token: string; password: string }) =>
  request<MessageResponse>('POST', '/api/auth/reset-password', input);

export const changePassword = (input: { currentPassword: string; newPassword: string }) =>
  request<MessageResponse | null>('PUT', '/api/family/account/password', input);

export const changeEmail = (input: { newEmail: string; currentPassword: string }) =>
  request<MessageResponse>('PUT', '/api/family/account/email', input);
