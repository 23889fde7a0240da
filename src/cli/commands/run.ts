import type { CommandModule } from 'yargs';

export const runCommand: CommandModule = {
  command: 'run',
  describe: 'Ingest what is new and write the store and exports',
  handler: () => {
    process.stdout.write('run: not implemented yet\n');
  },
};
