// `hotline users …` and `hotline orgs …`: people and customer organisations from the terminal.
import type { Command } from 'commander';
import { client } from '../cli/client.ts';
import { printJson, printTable } from '../cli/output.ts';
import type { Organization } from './organization.ts';
import type { User } from './user.ts';

const userRow = (u: User) => ({ name: u.name, email: u.email, role: u.role, region: u.region, tz: u.timeZone, teams: u.teams });
const orgRow = (o: Organization) => ({
  name: o.name, plan: o.subscription.planTier, package: o.subscription.supportPackage, deployment: o.subscription.deployment,
  ends: o.subscription.endsOn, trial: o.subscription.trial ? 'trial' : '', csm: o.csm?.name, ase: o.ase?.name, id: o.id,
});

export function registerPeopleCommands(program: Command): void {
  const users = program.command('users').description('People: engineers, managers, customers, bots');
  users
    .command('list')
    .description('List users')
    .option('--role <ROLE>', 'admin, manager, engineer or customer')
    .option('--team <HANDLE>', 'members of a team, e.g. @support-team-americas')
    .option('-q, --query <TEXT>', 'name or e-mail contains')
    .option('--json', 'machine-readable output')
    .action(async (o) => {
      const qs = new URLSearchParams();
      if (o.role) qs.set('role', o.role);
      if (o.team) qs.set('team', o.team);
      if (o.query) qs.set('q', o.query);
      const r = await client().get(`/api/v1/users?${qs}`);
      if (o.json) return printJson(r.items);
      printTable(r.items.map(userRow), ['name', 'email', 'role', 'region', 'tz', 'teams']);
    });
  users
    .command('show <ID_OR_EMAIL>')
    .description('One user with contact methods')
    .option('--json', 'machine-readable output')
    .action(async (who: string, o) => {
      const c = client();
      const u: User = who.includes('@') ? (await c.get(`/api/v1/users?q=${encodeURIComponent(who)}`)).items.find((x: User) => x.email === who.toLowerCase()) : await c.get(`/api/v1/users/${who}`);
      if (!u) {
        process.stderr.write(`hotline: no user ${who}\n`);
        process.exit(4);
      }
      if (o.json) return printJson(u);
      printTable([userRow(u)], ['name', 'email', 'role', 'region', 'tz', 'teams']);
      process.stdout.write('\nContact methods:\n');
      printTable(u.contactMethods.map((m) => ({ kind: m.kind, address: m.address, verified: m.verified ? 'yes' : 'no' })), ['kind', 'address', 'verified']);
    });
  users
    .command('create')
    .description('Create a user (admins)')
    .requiredOption('--email <EMAIL>')
    .requiredOption('--name <NAME>')
    .requiredOption('--role <ROLE>', 'admin, manager, engineer or customer')
    .option('--tz <ZONE>', 'IANA time zone', 'UTC')
    .option('--region <REGION>', 'AMER, EMEA, APAC…')
    .option('--org <ORG_ID>', 'customers: their organisation id')
    .option('--password <PASSWORD>', 'initial password (10+ characters)')
    .option('--json', 'machine-readable output')
    .action(async (o) => {
      const u = await client().post('/api/v1/users', {
        email: o.email, name: o.name, role: o.role, timeZone: o.tz, ...(o.region ? { region: o.region } : {}), ...(o.org ? { organizationId: o.org } : {}), ...(o.password ? { password: o.password } : {}),
      });
      if (o.json) return printJson(u);
      process.stdout.write(`Created ${u.name} <${u.email}> (${u.role}), id ${u.id}\n`);
    });

  const orgs = program.command('orgs').description('Customer organisations and their subscriptions');
  orgs
    .command('list')
    .description('List organisations')
    .option('-q, --query <TEXT>', 'name contains')
    .option('--json', 'machine-readable output')
    .action(async (o) => {
      const r = await client().get(`/api/v1/orgs${o.query ? `?q=${encodeURIComponent(o.query)}` : ''}`);
      if (o.json) return printJson(r.items);
      printTable(r.items.map(orgRow), ['name', 'plan', 'package', 'deployment', 'ends', 'trial', 'csm', 'ase']);
    });
  orgs
    .command('show <ID>')
    .description('One organisation with its subscription and requesters')
    .option('--json', 'machine-readable output')
    .action(async (id: string, o) => {
      const org = await client().get(`/api/v1/orgs/${encodeURIComponent(id)}`);
      if (o.json) return printJson(org);
      printTable([orgRow(org)], ['name', 'plan', 'package', 'deployment', 'ends', 'trial', 'csm', 'ase']);
      process.stdout.write(`\nSeats ${org.subscription.seats ?? '—'}, purchased ${org.subscription.purchasedOn ?? '—'}, starts ${org.subscription.startsOn ?? '—'}\n\nRequesters:\n`);
      printTable(org.requesters.map((u: User) => ({ name: u.name, email: u.email })), ['name', 'email']);
    });
  orgs
    .command('create')
    .description('Create an organisation (managers, admins)')
    .requiredOption('--name <NAME>')
    .option('--plan <TIER>', 'free, starter, premium, ultimate…', 'premium')
    .option('--package <PACKAGE>', 'priority_24x7, us_gov_12x5, us_gov_24x7, standard')
    .option('--deployment <KIND>', 'self_managed, saas, dedicated', 'self_managed')
    .option('--ends <DATE>', 'subscription end, YYYY-MM-DD')
    .option('--csm <EMAIL>')
    .option('--ase <EMAIL>')
    .option('--json', 'machine-readable output')
    .action(async (o) => {
      const org = await client().post('/api/v1/orgs', {
        name: o.name,
        subscription: { planTier: o.plan, deployment: o.deployment, ...(o.package ? { supportPackage: o.package } : {}), ...(o.ends ? { endsOn: o.ends } : {}) },
        ...(o.csm ? { csm: o.csm } : {}),
        ...(o.ase ? { ase: o.ase } : {}),
      });
      if (o.json) return printJson(org);
      process.stdout.write(`Created ${org.name}, id ${org.id}\n`);
    });
}
