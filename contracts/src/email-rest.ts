import { z } from 'zod';
import { NewEmail } from './rest.ts';

/** REST bodies of email reminders: the user's address, its verification, the links in a mail. */

export const EmailAddressBody = z.strictObject({ address: NewEmail });
export type EmailAddressBody = z.infer<typeof EmailAddressBody>;

/**
 * `available` says whether this server can send mail at all (SMTP_URL or a Dapr SMTP
 * binding configured); reminders go out only to a `verified` address.
 */
export const EmailSettingsView = z.object({
  available: z.boolean(),
  address: z.string().nullable(),
  verified: z.boolean(),
  verifiedAt: z.string().nullable(),
});
export type EmailSettingsView = z.infer<typeof EmailSettingsView>;

/** A signed link's token: `<payload>.<signature>`, both base64url, bounded. */
export const EmailLinkQuery = z.strictObject({
  token: z
    .string()
    .max(1000)
    .regex(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/, 'must be the token of a link from a reminder email'),
});
export type EmailLinkQuery = z.infer<typeof EmailLinkQuery>;

/** Minutes a reminder email's snooze link puts the reminder off by. */
export const EMAIL_SNOOZE_MINUTES = 60;
