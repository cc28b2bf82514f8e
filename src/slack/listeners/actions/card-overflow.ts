import type { AllMiddlewareArgs, BlockOverflowAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import { formatTicketNumber, isActive } from '../../../domain/ticket';
import { decodeOverflowRef } from '../../views/ticket-ref';
import { buildLinkModal, buildMergeModal } from '../../views/relation-modals.view';
import { buildAssignModal } from '../../views/work-modals.view';
import { buildEditModal } from '../../views/ticket-edit.view';
import { ListenerDeps } from '../deps';
import { lookupMarkupNames, NAME_LOOKUP_BUDGET_MS } from '../read-slack-text';
import { applyFromCard } from './apply-from-card';
import { openWorkModal } from './open-work-modal';
import { openWatchersModal } from './watchers';
import { originOf } from '../../request-context';

/** The card's overflow menus: Assign…, Release, Close, Edit…, Watchers…; and beside its related tickets, Merge into…, Link ticket…. */
export const handleCardOverflow =
  (deps: ListenerDeps) =>
  async ({ ack, body, action, client, respond, logger, context }: SlackActionMiddlewareArgs<BlockOverflowAction> & AllMiddlewareArgs) => {
    const ref = decodeOverflowRef(action.selected_option?.value);
    if (!ref) {
      await ack();
      return logger.warn('overflow option with an unreadable value');
    }
    const request = { ref, userId: body.user.id, changeOrigin: originOf(context) };
    switch (ref.action) {
      case 'assign':
        await ack();
        return openWorkModal(deps, client, respond, logger, {
          ...request,
          triggerId: body.trigger_id,
          action: 'assign',
          // The department's agents by name: from the workspace's directory, else looked up within the name budget (an id where a lookup fails).
          build: async ({ ticket, department }) => {
            // Both waits stay within the trigger's 3 seconds: a second for the directory, a second for the lookups.
            const listed = (await deps.people?.namesOf(department.agentIds, NAME_LOOKUP_BUDGET_MS)) ?? new Map<string, string>();
            const missing = department.agentIds.filter((id) => !listed.has(id));
            const names = missing.length > 0 ? (await lookupMarkupNames(client, missing.map((id) => `<@${id}>`).join(' '), logger)).users : new Map<string, string>();
            return buildAssignModal(
              ticket,
              department.agentIds.map((userId) => ({ userId, name: listed.get(userId) ?? names.get(userId) ?? userId })),
            );
          },
        });
      case 'release':
        return applyFromCard(deps, ack, respond, logger, { ...request, command: { type: 'release' } });
      case 'close':
        return applyFromCard(deps, ack, respond, logger, { ...request, command: { type: 'close' } });
      case 'edit':
        await ack();
        return openWorkModal(deps, client, respond, logger, {
          ...request,
          triggerId: body.trigger_id,
          action: 'edit',
          refuse: ({ ticket }) => (isActive(ticket.status) ? null : `${formatTicketNumber(ticket.number)} is ${ticket.status}; reopen it first to edit it.`),
          build: ({ ticket, topics, topicName }) => buildEditModal(ticket, topics, topicName),
        });
      case 'watchers':
        await ack();
        return openWatchersModal(deps, client, respond, logger, { ticketId: ref.ticketId, userId: body.user.id, triggerId: body.trigger_id });
      case 'merge':
        await ack();
        return openWorkModal(deps, client, respond, logger, {
          ...request,
          triggerId: body.trigger_id,
          action: 'merge',
          build: async ({ ticket }) => buildMergeModal(ticket, await deps.relations.mergeCandidates(ticket, body.user.id)),
        });
      case 'link':
        await ack();
        return openWorkModal(deps, client, respond, logger, { ...request, triggerId: body.trigger_id, action: 'link', build: ({ ticket }) => buildLinkModal(ticket) });
    }
  };
