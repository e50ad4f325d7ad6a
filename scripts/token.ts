import { parseArgs } from 'node:util';
import { isUserRole, loadConfig, signLocalToken, USER_ROLES } from '@app/platform';

const USAGE =
  'usage: npm run token -- --role <role> --sub <person id> --name <name> --org-unit <org unit> [--expires 8h]\n' +
  `roles: ${USER_ROLES.join(', ')}`;

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      role: { type: 'string' },
      sub: { type: 'string' },
      name: { type: 'string' },
      'org-unit': { type: 'string' },
      expires: { type: 'string', default: '8h' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
  });
  if (values.help === true) {
    console.log(USAGE);
    return;
  }
  const missing = (['role', 'sub', 'name', 'org-unit'] as const).filter((key) => !values[key]?.trim());
  if (missing.length > 0) throw new Error(`missing ${missing.map((key) => `--${key}`).join(', ')}`);
  if (!isUserRole(values.role))
    throw new Error(`--role must be one of ${USER_ROLES.join(', ')}, not ${String(values.role)}`);
  if (!/^\d+[smhdw]$/.test(values.expires ?? '')) throw new Error('--expires must look like 30m, 8h or 7d');

  const config = loadConfig();
  const [, amount, unit] = /^(\d+)([smhdw])$/.exec(values.expires as string) ?? [];
  const seconds = Number(amount) * { s: 1, m: 60, h: 3600, d: 86_400, w: 604_800 }[unit as 's'];
  if (seconds > config.jwtMaxLifetimeSeconds)
    throw new Error(
      `--expires ${values.expires} is longer than the service accepts (JWT_MAX_LIFETIME, ${config.jwtMaxLifetimeSeconds / 3600}h)`,
    );
  const token = await signLocalToken(
    config.jwtSecret,
    {
      sub: values.sub as string,
      name: values.name as string,
      role: values.role,
      orgUnit: values['org-unit'] as string,
    },
    values.expires,
    { issuer: config.jwtIssuer, audience: config.jwtAudience },
  );
  console.log(token);
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : String(err));
  console.error(USAGE);
  process.exitCode = 1;
});
