import fc from 'fast-check';
import { parseHelpdeskYaml, toAttachmentLimits } from '../../src/config/helpdesk-config';
import { DEFAULT_ATTACHMENT_LIMITS, screenFiles } from '../../src/services/attachments';
import { DEMO_CONFIG } from '../support/demo-workspace';

const parsed = (attachments: string) => {
  const result = parseHelpdeskYaml(`${DEMO_CONFIG}\nattachments:\n${attachments}`);
  return result.ok ? { limits: toAttachmentLimits(result.value.attachments) } : { errors: result.error };
};

describe("helpdesk.yml's attachments:", () => {
  it('keeps the defaults without it, and reads sizes in bytes, KB, MB or GB', () => {
    const result = parseHelpdeskYaml(DEMO_CONFIG);
    expect(result.ok && toAttachmentLimits(result.value.attachments)).toEqual(DEFAULT_ATTACHMENT_LIMITS);
    expect(parsed('  max_file_size: 4KB\n  max_files_per_message: 2\n  refused_types: [.EXE, zip]\n')).toEqual({
      limits: { maxFileBytes: 4096, maxFilesPerMessage: 2, refusedTypes: ['exe', 'zip'] },
    });
    expect(parsed('  max_file_size: 1.5MB\n')).toMatchObject({ limits: { maxFileBytes: 1572864 } });
    expect(parsed('  max_file_size: 2048\n')).toMatchObject({ limits: { maxFileBytes: 2048 } });
  });

  it('names the place of a bad value', () => {
    expect(parsed('  max_file_size: huge\n').errors?.join('\n')).toContain('attachments.max_file_size');
    expect(parsed('  max_files_per_message: 11\n').errors?.join('\n')).toContain('attachments.max_files_per_message');
    expect(parsed('  refused_types: ["e x e"]\n').errors?.join('\n')).toContain('attachments.refused_types[0]: write a file extension such as exe');
  });
});

describe('which files travel (screenFiles)', () => {
  const file = (name: string, size: number) => ({ id: `F${name}`, name, size, mimetype: 'text/plain', url: 'https://files.slack.com/x' });

  it('refuses every file over the limits with a reason naming it, and passes all others: no file is lost from both lists', () => {
    fc.assert(
      fc.property(fc.array(fc.record({ name: fc.constantFrom('a.txt', 'b.exe', 'c.png', 'noext'), size: fc.oneof(fc.constant(0), fc.nat(20_000)) }), { maxLength: 12 }), (specs) => {
        const files = specs.map((spec, index) => ({ ...file(spec.name, spec.size), id: `F${index}` }));
        const limits = { maxFileBytes: 10_000, maxFilesPerMessage: 3, refusedTypes: ['exe'] };
        const { accepted, refused } = screenFiles(files, limits);
        expect([...accepted, ...refused.map((entry) => entry.file)].map((entry) => entry.id).sort()).toEqual(files.map((entry) => entry.id).sort());
        expect(accepted.length).toBeLessThanOrEqual(3);
        // Slack's upload refuses an empty file, so none is accepted for copying.
        for (const entry of accepted) expect(entry.size > 0 && entry.size <= 10_000 && !entry.name.endsWith('.exe')).toBe(true);
        for (const entry of refused) expect(entry.reason).not.toBe('');
      }),
    );
  });
});
