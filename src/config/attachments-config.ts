import { z } from 'zod';
import { AttachmentLimits, DEFAULT_ATTACHMENT_LIMITS } from '../services/attachments';

/** A file size: a number of bytes, or `500KB`, `10MB` (binary units, as Slack shows sizes). */
const byteSize = z.union([
  z.number().int().positive(),
  z.string().transform((text, ctx) => {
    const match = /^\s*(\d+(?:\.\d+)?)\s*(KB|MB|GB)\s*$/i.exec(text);
    if (!match) {
      ctx.addIssue({ code: 'custom', message: `"${text}" is not a size: write e.g. 500KB or 10MB` });
      return z.NEVER;
    }
    return Math.round(Number(match[1]) * 1024 ** (['KB', 'MB', 'GB'].indexOf((match[2] ?? '').toUpperCase()) + 1));
  }),
]);

/** `attachments:`: which files travel between the requester's thread and the card thread (see src/services/attachments.ts). */
export const attachmentsSchema = z
  .object({
    max_file_size: byteSize.optional(),
    // Slack's file_input takes at most 10 files.
    max_files_per_message: z.number().int().min(1).max(10).optional(),
    refused_types: z.array(z.string().regex(/^\.?[A-Za-z0-9]+$/, 'write a file extension such as exe')).optional(),
  })
  .strict();

export type AttachmentsConfig = z.output<typeof attachmentsSchema>;

/** The attachment limits `attachments:` sets, over the defaults. */
export const toAttachmentLimits = (config: AttachmentsConfig | undefined): AttachmentLimits => ({
  maxFileBytes: config?.max_file_size ?? DEFAULT_ATTACHMENT_LIMITS.maxFileBytes,
  maxFilesPerMessage: config?.max_files_per_message ?? DEFAULT_ATTACHMENT_LIMITS.maxFilesPerMessage,
  refusedTypes: config?.refused_types?.map((type) => type.replace(/^\./, '').toLowerCase()) ?? DEFAULT_ATTACHMENT_LIMITS.refusedTypes,
});
