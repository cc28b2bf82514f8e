import { chatMethods } from './chat.methods';
import { conversationsMethods } from './conversations.methods';
import { filesMethods } from './files.methods';
import { usersMethods } from './users.methods';
import { viewsMethods } from './views.methods';
import { WebApiMethods } from './web-api-method';

/** Every Web API method the local Slack answers; any other name gets `unknown_method`. */
export const webApiMethods: WebApiMethods = { ...usersMethods, ...chatMethods, ...conversationsMethods, ...viewsMethods, ...filesMethods };
