/**
 * `dutygraph` command line. Each stage registers its own subcommands from cli/commands/; this file
 * only wires them together and turns expected failures into one-line messages (no stack traces).
 */
import { Command } from 'commander';
import { registerBackup } from './commands/backup.js';
import { registerExtract } from './commands/extract.js';
import { registerIngest } from './commands/ingest.js';
import { registerRemove } from './commands/remove.js';
import { registerQuery } from './commands/query.js';
import { registerExport } from './commands/export.js';
import { registerMigrate } from './commands/migrate.js';
import { registerModel } from './commands/model.js';
import { registerSearch } from './commands/search.js';
import { registerServe } from './commands/serve.js';
import { reportFatal } from './errors.js';

const program = new Command()
  .name('dutygraph')
  .description('Knowledge graph and semantic search over Vietnamese crime-prevention documents')
  .showHelpAfterError();

registerExtract(program);
registerIngest(program);
registerRemove(program);
registerQuery(program);
registerExport(program);
registerMigrate(program);
registerModel(program);
registerSearch(program);
registerServe(program);
registerBackup(program);

program.parseAsync(process.argv).catch(reportFatal);
