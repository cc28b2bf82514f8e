import { z } from 'zod';

type Issue = z.core.$ZodIssue;

const formatPath = (path: readonly PropertyKey[]): string => path.reduce<string>((text, key) => (typeof key === 'number' ? `${text}[${key}]` : text ? `${text}.${String(key)}` : String(key)), '');

const describe = (issue: Issue): string => {
  if (issue.code === 'invalid_type' && /received undefined/.test(issue.message)) return 'required';
  return issue.message;
};

/** `departments[1].channel: required`, one line per problem. */
export const formatIssues = (issues: readonly Issue[]): string[] => issues.map((issue) => `${formatPath(issue.path) || '(top level)'}: ${describe(issue)}`);
