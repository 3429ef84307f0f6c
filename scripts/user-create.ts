// npm run user:create -- --role admin --login LOGIN --name "Full Name" [--agency CODE] [--language kk|ru|en]
// The password is read from a prompt (or the first line of stdin), never from the command line,
// where it would stay in the shell history and the process list.
import { parseArgs } from 'node:util';
import { createUser } from '../api/src/accounts/create-user.js';
import { DomainError } from '../api/src/errors.js';
import { withDatabase } from './lib/cli.js';
import { readSecret } from './lib/read-secret.js';

const usage =
  'Usage: npm run user:create -- --role viewer|akimat|prosecutor|admin --login LOGIN --name "Full Name" [--agency CODE] [--language kk|ru|en]';

function parse() {
  try {
    const { values } = parseArgs({
      options: {
        role: { type: 'string' },
        login: { type: 'string' },
        name: { type: 'string' },
        agency: { type: 'string' },
        language: { type: 'string' },
      },
    });
    if (!values.role || !values.login || !values.name) throw new Error('--role, --login and --name are required');
    return values as { role: string; login: string; name: string; agency?: string; language?: string };
  } catch (error) {
    console.error(`${(error as Error).message}\n${usage}`);
    process.exit(2);
  }
}

const args = parse();
const password = await readSecret(`Password for ${args.login}: `);
if (process.stdin.isTTY && (await readSecret('Repeat the password: ')) !== password) {
  console.error('The passwords differ; nothing was created.');
  process.exit(1);
}

await withDatabase(async (db) => {
  try {
    const id = await createUser(
      db.knex,
      {
        login: args.login,
        full_name: args.name,
        role: args.role as never,
        agency: args.agency,
        language: (args.language ?? 'kk') as never,
        password,
      },
      { actor: 'command line (user:create)' },
    );
    console.error(`Created ${args.role} account ${args.login.toLowerCase()} (id ${id}).`);
  } catch (error) {
    const message =
      error instanceof DomainError
        ? error.message
        : error instanceof Error && 'issues' in error
          ? (error as { issues: { path: PropertyKey[]; message: string }[] }).issues
              .map((issue) => `${issue.path.join('.')}: ${issue.message}`)
              .join('; ')
          : (error as Error).message;
    console.error(`Nothing was created: ${message}`);
    return 1;
  }
});
