// npm run user:add -- --email a@b.pl --role crew --department roads [--password-stdin]
// Creates a staff user and prints a one-time password (or reads the password from stdin).
import path from 'node:path';
import { parseArgs } from 'node:util';
import { generatePassword, hashPassword } from '../auth/passwords.ts';
import { loadConfig } from '../config.ts';
import { openDatabase } from '../db/database.ts';
import { migrate } from '../db/migrate.ts';
import { ROLES, type Role } from '../domain/permissions.ts';
import { createUser } from '../store/users.ts';

const { values } = parseArgs({
  options: {
    email: { type: 'string' },
    role: { type: 'string' },
    department: { type: 'string' },
    'password-stdin': { type: 'boolean', default: false },
  },
});
const fail = (message: string): never => {
  console.error(message);
  process.exit(2);
};
const email = values.email?.trim() ?? fail('--email is required');
if (!/^[^@\s]+@[^@\s]+$/.test(email)) fail(`--email "${email}" is not an e-mail address`);
const role = (values.role ?? fail(`--role is required: one of ${ROLES.join(', ')}`)) as Role;
if (!ROLES.includes(role)) fail(`--role must be one of ${ROLES.join(', ')}, got "${role}"`);
const department = values.department ?? null;
if ((role === 'crew' || role === 'dispatcher') && !department) fail(`--department is required for the role ${role}`);

let password: string;
if (values['password-stdin']) {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  password = Buffer.concat(chunks).toString('utf8').replace(/\r?\n$/, '');
  if (password.length < 10) fail('The password must be at least 10 characters');
} else {
  password = generatePassword();
}

const config = loadConfig();
const db = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: path.join(config.dataDir, 'pg') });
try {
  await migrate(db);
  const known = await db.query('SELECT 1 FROM departments WHERE code = $1', [department]);
  if (department && known.rowCount === 0) fail(`Unknown department "${department}"`);
  const user = await createUser(db, { email, role, department, passwordHash: await hashPassword(password) });
  console.log(`Created ${user.role} ${user.email}${user.departmentCode ? ` (${user.departmentCode})` : ''}.`);
  if (!values['password-stdin']) console.log(`One-time password: ${password}`);
} catch (err) {
  const e = err as { code?: string; message: string };
  console.error(e.code === '23505' ? `A user with the e-mail ${email} already exists` : e.message);
  process.exitCode = 1;
} finally {
  await db.close();
}
