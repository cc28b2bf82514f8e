import { TicketEntity } from '../../src/persistence/entities/ticket.entity';
import { people } from '../support/demo-workspace';
import { Harness, startHarness } from '../support/helpdesk-harness';
import { Scenes } from '../support/helpdesk-scenes';
import { FORMS_CONFIG } from '../support/topic-forms-config';
import { visibleText } from '../support/visible-text';

const { ken, boss } = people;

/** Field answers go into the filing's one statement as JSON text: `?`, `$1`, quotes and a NUL in them, on both databases. */
describe('attack15c: help-topic field answers that could break the filing statement', () => {
  let harness: Harness;
  beforeEach(async () => {
    harness = await startHarness({ config: FORMS_CONFIG });
  });
  afterEach(async () => {
    await harness.stop();
  });

  it("stores and shows Ken's answer with ?, $1, quotes and a NUL (as U+FFFD), the rest as typed", async () => {
    const { slack, requests } = harness;
    await requests.slashCommand(ken.id, "Payroll? '; DROP TABLE tickets; --");
    await slack.waitFor(() => slack.currentView(ken.id), 3000, 'the New ticket modal');
    const updates = slack.callsTo('views.update').length;
    await requests.chooseInModal(ken.id, 'Help topic', 'Access Issue');
    await slack.waitFor(() => slack.callsTo('views.update').length > updates, 3000, 'the topic fields');
    const typed = 'Payroll $1 portal? \'x\' "y" \\\u0000 $$ ?? ?1';
    const filed = await requests.submitModal(ken.id, { 'Which system': typed, 'Your manager': boss.id, 'Reach me at': 'ken@example.com' });
    expect(filed.json()).toMatchObject({ response_action: 'update' });
    await harness.settle();
    const [ticket] = await harness.helpdesk.db.manager.find(TicketEntity);
    const shown = typed.replace('\u0000', '\uFFFD');
    expect(ticket?.summary).toBe("Payroll? '; DROP TABLE tickets; --");
    expect(ticket?.fieldAnswers[0]?.value).toBe(shown);
    expect(visibleText(await new Scenes(harness).card(1001))).toContain(`*Which system*\n${shown.replace(/&/g, '&amp;')}`);
    expect(slack.rejections).toEqual([]);
  });
});
