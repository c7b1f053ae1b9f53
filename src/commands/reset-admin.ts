// `kip-monev reset-admin`: sets the platform superadmin's password on the machine that holds the
// database, for when KIP_ADMIN_PASSWORD was changed after the first start (it only creates the
// superadmin) or the password is lost. The embedded database is locked while the server runs, so
// this refuses then (stop the server first); against PostgreSQL it may run next to the servers.
// The superadmin's existing tokens end, and the reset is audited.
import { parseArgs } from 'node:util';
import { loadConfig } from '../config.ts';
import { connect } from '../db/client.ts';
import { Problem } from '../http/problems.ts';
import { resetSuperadminPassword } from '../modules/users/bootstrap.ts';

const HELP = `Usage: kip-monev reset-admin [--password <password>] [--username <name>]

Sets the platform superadmin's password: --password, else KIP_ADMIN_PASSWORD. The superadmin is
--username, else KIP_ADMIN_USERNAME (default admin). Stop a server using the embedded database first.`;

export async function run(argv: string[]): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({ args: argv, options: { password: { type: 'string' }, username: { type: 'string' }, help: { type: 'boolean' } }, strict: true }));
  } catch (err) {
    console.error(`kip-monev reset-admin: ${(err as Error).message}\n\n${HELP}`);
    return 2;
  }
  if (values.help) {
    console.log(HELP);
    return 0;
  }
  const config = loadConfig();
  const password = values.password ?? config.adminPassword;
  if (!password) {
    console.error(`kip-monev reset-admin: give the new password with --password or KIP_ADMIN_PASSWORD\n\n${HELP}`);
    return 2;
  }
  const database = connect(config);
  try {
    await database.migrate();
    const user = await resetSuperadminPassword(database.db, values.username ?? config.adminUsername, password);
    console.log(`set the password of the superadmin "${user.username}"; its existing tokens no longer work`);
    return 0;
  } catch (err) {
    if (!(err instanceof Problem)) throw err;
    console.error(`kip-monev reset-admin: ${err.message}`);
    return 1;
  } finally {
    await database.close();
  }
}
