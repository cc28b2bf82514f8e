/** Block Kit's limits, as Slack documents and enforces them (https://docs.slack.dev/reference/block-kit). */
export const MESSAGE_BLOCKS_MAX = 50;
export const VIEW_BLOCKS_MAX = 100;
export const SECTION_TEXT_MAX = 3000;
export const FIELD_TEXT_MAX = 2000;
export const FIELDS_MAX = 10;
export const HEADER_TEXT_MAX = 150;
export const BUTTON_TEXT_MAX = 75;
export const BUTTON_VALUE_MAX = 2000;
export const ID_MAX = 255;
export const MODAL_TEXT_MAX = 24;
export const OPTION_TEXT_MAX = 75;
export const OPTION_VALUE_MAX = 150;
export const OPTIONS_MAX = 100;
export const OPTION_GROUPS_MAX = 100;
export const OPTION_GROUP_LABEL_MAX = 75;
export const ACTIONS_ELEMENTS_MAX = 25;
export const CONTEXT_ELEMENTS_MAX = 10;
export const INPUT_LABEL_MAX = 2000;
export const PLAIN_TEXT_INPUT_MAX = 3000;
export const PRIVATE_METADATA_MAX = 3000;
export const MESSAGE_TEXT_MAX = 40000;
export const PLACEHOLDER_MAX = 150;
export const OPTION_DESCRIPTION_MAX = 75;

export const MESSAGE_BLOCK_TYPES = new Set(['section', 'header', 'context', 'divider', 'actions', 'image', 'rich_text']);
export const VIEW_BLOCK_TYPES = new Set([...MESSAGE_BLOCK_TYPES, 'input']);
