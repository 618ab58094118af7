/**
 * `dutygraph` command line. Each stage registers its own subcommands from cli/commands/; this file
 * only wires them together and turns expected failures into one-line messages (no stack traces).
 */
import { Command } from 'commander';
import { registerExtract } from './commands/extract.js';
import { reportFatal } from './errors.js';

const program = new Command()
  .name('dutygraph')
  .description('Knowledge graph and semantic search over Vietnamese crime-prevention documents')
  .showHelpAfterError();

registerExtract(program);

program.parseAsync(process.argv).catch(reportFatal);
