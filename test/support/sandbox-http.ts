/** The token the sandbox serves inside its page, read from the page as the browser does. */
export const pageTokenOf = async (url: string): Promise<string> => {
  const page = await (await fetch(`${url}/`)).text();
  const token = /<meta name="sandbox-token" content="([^"]+)">/.exec(page)?.[1];
  if (!token) throw new Error('the sandbox page carries no token');
  return token;
};
