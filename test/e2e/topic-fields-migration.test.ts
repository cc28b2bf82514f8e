import { TopicFields1765200000000 } from '../../migrations/1765200000000-topic-fields';
import { TicketEntity } from '../../src/persistence/entities/ticket.entity';
import { people } from '../support/demo-workspace';
import { Harness, startHarness } from '../support/helpdesk-harness';
import { Scenes } from '../support/helpdesk-scenes';
import { FORMS_CONFIG } from '../support/topic-forms-config';
import { visibleText } from '../support/visible-text';

const { michael, john, ken, jerry, boss } = people;

describe('migration 1765200000000', () => {
  let harness: Harness;
  beforeEach(async () => {
    harness = await startHarness({ config: FORMS_CONFIG });
  });
  afterEach(async () => {
    await harness.stop();
  });

  /** `/ticket search <words>` as `userId`: the numbers of the tickets found. */
  const found = async (userId: string, words: string): Promise<string[]> => {
    const { slack, requests } = harness;
    const before = slack.ephemeralsFor(userId).length;
    await requests.slashCommand(userId, `search ${words}`);
    const answer = visibleText(await slack.waitFor(() => slack.ephemeralsFor(userId)[before], 3000, `the answer to /ticket search ${words}`));
    return [...answer.matchAll(/^\*(#\d+)\*/gm)].map((match) => match[1] ?? '');
  };

  it('gives tickets from before it no answers, keeps the search index working, and indexes the answers of tickets filed after it', async () => {
    const scenes = new Scenes(harness);
    await scenes.fileTicket(michael.id, 'Report a Problem', 'Mail does not sync on my iPhone', 'Gmail app on an iPhone 14 Pro.');
    await scenes.clickAndSubmit(john.id, await scenes.card(1001), 'Internal note', { Note: 'ActiveSync is off for him' });

    // As before the migration: no fields, no answers, the index without them. Then the migration.
    const runner = harness.helpdesk.db.dataSource.createQueryRunner();
    try {
      const migration = new TopicFields1765200000000();
      await migration.down(runner);
      await migration.up(runner);
    } finally {
      await runner.release();
    }
    const old = await harness.helpdesk.db.manager.findOneByOrFail(TicketEntity, { number: 1001 });
    expect(old.fieldAnswers).toEqual([]);
    expect(await found(john.id, 'iPhone')).toEqual(['#1001']);
    expect(await found(john.id, 'ActiveSync')).toEqual(['#1001']);
    // What is written after it reaches the index: a reply on the old ticket, and a new ticket's answers.
    await scenes.clickAndSubmit(john.id, await scenes.card(1001), 'Reply to requester', { 'Message to the requester': 'Please remove the Exchange account and add it again.' });
    expect(await found(john.id, 'Exchange')).toEqual(['#1001']);
    await harness.requests.slashCommand(ken.id, 'I cannot log in');
    await harness.slack.waitFor(() => harness.slack.currentView(ken.id), 3000, 'the New ticket modal');
    await harness.requests.submitModal(ken.id, { 'Help topic': 'Access Issue' });
    const filed = await harness.requests.submitModal(ken.id, { 'Which system': 'Payroll portal', 'Your manager': boss.id });
    expect(filed.json()).toMatchObject({ response_action: 'update' });
    await harness.settle();
    expect(await found(jerry.id, 'payroll')).toEqual(['#1002']);
    expect(await found(john.id, 'payroll')).toEqual([]);
  });
});
