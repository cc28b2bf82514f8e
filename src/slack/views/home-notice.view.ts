import type { ModalView } from '@slack/types';
import { plain, section } from './blocks';
import { truncateText } from './text-cuts';

/** A small modal telling the person who acted on their Home why it did not happen (the Home has no response_url to answer through). */
export const buildHomeNotice = (title: string, text: string): ModalView => ({
  type: 'modal',
  title: plain(truncateText(title, 24)),
  close: plain('OK'),
  blocks: [section(truncateText(text, 3000))],
});
