import { z } from 'zod';
import { CANNED_VARIABLES, unknownVariables } from '../domain/canned-text';
import { OPTION_TEXT_MAX } from '../slack/views/text-cuts';
import { name } from './config-values';

/** A canned response's text: as long as the Reply modal's message may be (WORK_TEXT_MAX). */
const CANNED_TEXT_MAX = 3000;
/** Responses one department's agents are offered (their own and those for all): a select holds at most 100 options. */
const CANNED_PER_DEPARTMENT_MAX = 100;

/** `canned_responses:`: a reply an agent picks in the Reply modal, for one department or all. */
export const cannedResponseSchema = z.object({
  title: z.string().trim().min(1, 'must not be empty').max(OPTION_TEXT_MAX, `must be at most ${OPTION_TEXT_MAX} characters (Slack shows no more of a choice)`),
  text: z.string().trim().min(1, 'must not be empty').max(CANNED_TEXT_MAX, `must be at most ${CANNED_TEXT_MAX} characters (the Reply modal holds no more)`),
  /** The department whose agents are offered it; without one, every department's. */
  department: name.optional(),
});

/** Canned responses: unknown variables, unknown departments, and titles offered twice to one department. */
export const checkCannedResponses = (config: { canned_responses: z.output<typeof cannedResponseSchema>[]; departments: { name: string }[] }, ctx: z.RefinementCtx) => {
  const departments = config.departments.map((department) => department.name);
  const variables = [...CANNED_VARIABLES.map((variable) => `{${variable}}`), '{field.<name>}'].join(', ');
  config.canned_responses.forEach((response, index) => {
    for (const unknown of unknownVariables(response.text)) {
      ctx.addIssue({ code: 'custom', path: ['canned_responses', index, 'text'], message: `"${response.title}" uses the unknown variable {${unknown}}; the variables are ${variables}` });
    }
    if (response.department !== undefined && !departments.includes(response.department)) {
      ctx.addIssue({ code: 'custom', path: ['canned_responses', index, 'department'], message: `"${response.title}": no department is named "${response.department}"` });
    }
  });
  for (const department of departments) {
    const offered = config.canned_responses.map((response, index) => ({ response, index })).filter(({ response }) => response.department === undefined || response.department === department);
    const seen = new Set<string>();
    for (const { response, index } of offered) {
      if (seen.has(response.title))
        ctx.addIssue({ code: 'custom', path: ['canned_responses', index, 'title'], message: `"${response.title}" is offered to ${department} twice; give it another title` });
      seen.add(response.title);
    }
    if (offered.length > CANNED_PER_DEPARTMENT_MAX) {
      ctx.addIssue({ code: 'custom', path: ['canned_responses'], message: `${department} is offered ${offered.length} canned responses; at most ${CANNED_PER_DEPARTMENT_MAX} fit in Slack's select` });
    }
  }
};
