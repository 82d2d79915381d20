// `hotline` — one command for operators and on-call people. Every subcommand has --help; those
// that read data talk to a running server and accept --json.
import { Command, Option } from 'commander';
import { readFileSync, writeFileSync } from 'node:fs';
import { registerServerCommands } from './server-commands.ts';
import { registerScenarioCommands } from './scenario-commands.ts';
import { registerPeopleCommands } from '../people/index.ts';
import { registerTicketCommands } from '../tickets/index.ts';
import { registerPagingCommands } from '../paging/index.ts';
import { registerScheduleCommands } from '../schedules/index.ts';
import { registerEmergencyCommands } from '../emergencies/index.ts';
import { registerIncidentCommands } from '../incidents/index.ts';
import { registerCoverCommands, registerEscalationCommands, registerManagerCommands, registerUpgradeCommands } from '../escalations/index.ts';
import { registerNotifyCommands } from '../notify/index.ts';
import { registerWebhookCommands } from '../webhooks/index.ts';
import { registerReportCommands, registerWhatIfCommands } from '../reports/index.ts';
import { registerImportCommands } from '../interop/index.ts';
import { registerZendeskImport } from './import-zendesk.ts';
import { client } from './client.ts';
import { fail, printJson, printTable } from './output.ts';
import { VERSION } from '../main/version.ts';

const program = new Command('hotline')
  .description('Hotline: on-call schedules, paging, the emergency helpdesk and its thread.\nData commands talk to a running server: set HOTLINE_URL (default http://127.0.0.1:8080) and HOTLINE_TOKEN.')
  .version(VERSION)
  .showHelpAfterError('(add --help for usage)')
  .exitOverride((err) => process.exit(err.exitCode === 0 ? 0 : 2));

registerServerCommands(program);
registerScenarioCommands(program);

program
  .command('apply')
  .description('Apply a workspace YAML file to the running server; applying the same file twice changes nothing')
  .requiredOption('-f, --file <FILE>', 'workspace YAML file')
  .option('--dry-run', 'report what would change, change nothing')
  .option('--json', 'machine-readable output')
  .action(async (o) => {
    let text: string;
    try {
      text = readFileSync(o.file, 'utf8');
    } catch (e) {
      process.stderr.write(`hotline: cannot read ${o.file}: ${(e as Error).message}\n`);
      process.exit(2);
    }
    const r = await client().post(`/api/v1/workspace/apply${o.dryRun ? '?dryRun=true' : ''}`, text, 'application/yaml');
    if (o.json) return printJson(r.report);
    printTable(Object.entries(r.report as Record<string, any>).map(([section, c]) => ({ section, ...c })), ['section', 'created', 'updated', 'unchanged']);
    if (o.dryRun) process.stdout.write('(dry run: nothing was changed)\n');
  });

program
  .command('openapi')
  .description('Write the API document (OpenAPI 3.0, JSON) this version serves at /api/openapi.json; no server needed')
  .option('-o, --output <FILE>', 'write to FILE instead of standard output')
  .action(async (o) => {
    // loaded only here: it builds the whole app (without a database or a port)
    const text = `${JSON.stringify(await (await import('../main/openapi-document.ts')).openApiDocument(), null, 2)}\n`;
    if (o.output) writeFileSync(o.output, text);
    else process.stdout.write(text);
  });

program
  .command('export')
  .description('Write the workspace of the running server as YAML (--schema: the JSON Schema of workspace files, no server needed)')
  .option('-o, --output <FILE>', 'write to FILE instead of standard output')
  .option('--schema', 'write the JSON Schema workspace files follow, for editors and CI checks')
  .action(async (o) => {
    // loaded only here: it reads every capability, which the other commands never need to start
    const yaml = o.schema ? `${JSON.stringify((await import('../main/workspace-schema.ts')).workspaceJsonSchema(), null, 2)}\n` : await client().get('/api/v1/workspace/export');
    if (o.output) writeFileSync(o.output, yaml);
    else process.stdout.write(yaml);
  });

registerPeopleCommands(program);
registerTicketCommands(program);
registerPagingCommands(program);
registerScheduleCommands(program);
registerIncidentCommands(registerEmergencyCommands(program));
registerEscalationCommands(program);
registerCoverCommands(program);
registerManagerCommands(program);
registerUpgradeCommands(program);
registerNotifyCommands(program);
registerWebhookCommands(program);
registerReportCommands(program);
registerZendeskImport(registerImportCommands(program));
registerWhatIfCommands(program);

program.addOption(new Option('--no-color', 'plain output').hideHelp());
program.parseAsync(process.argv).catch(fail);
